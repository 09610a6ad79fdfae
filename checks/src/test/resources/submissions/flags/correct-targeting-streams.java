// expect: pass
// BEGIN IN_ROLLOUT
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(contextId.getBytes(StandardCharsets.UTF_8));
            long marker = Integer.toUnsignedLong(ByteBuffer.wrap(hash).order(ByteOrder.LITTLE_ENDIAN).getInt());
            return percentage >= 100 || (marker / (double) 0xFFFFFFFFL) * 100 < percentage;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
// END IN_ROLLOUT
// BEGIN TARGETED
        @SuppressWarnings("unchecked")
        Map<String, Object> exclusion = (Map<String, Object>) audience.getOrDefault("Exclusion", Map.of());
        List<?> excludedUsers = (List<?>) exclusion.getOrDefault("Users", List.of());
        List<?> excludedGroups = (List<?>) exclusion.getOrDefault("Groups", List.of());
        if (excludedUsers.contains(userId) || excludedGroups.stream().anyMatch(groups::contains)) {
            return false;
        }
        if (((List<?>) audience.getOrDefault("Users", List.of())).contains(userId)) {
            return true;
        }
        boolean byGroup = ((List<?>) audience.getOrDefault("Groups", List.of())).stream()
                .map(g -> (Map<?, ?>) g)
                .filter(g -> groups.contains(g.get("Name")))
                .anyMatch(g -> inRollout(userId + "\n" + flagId + "\n" + g.get("Name"),
                        ((Number) g.get("RolloutPercentage")).doubleValue()));
        return byGroup || inRollout(userId + "\n" + flagId,
                ((Number) audience.getOrDefault("DefaultRolloutPercentage", 0)).doubleValue());
// END TARGETED
