// expect: fail an excluded user or group is never targeted, whatever else lists it
// message: exclusion comes first
// BEGIN TARGETED
        Collection<?> users = (Collection<?>) audience.get("Users");
        if (users != null && users.contains(userId)) {
            return true; // listed users first: an excluded one slips in
        }
        Map<?, ?> exclusion = (Map<?, ?>) audience.get("Exclusion");
        if (exclusion != null) {
            Collection<?> excludedUsers = (Collection<?>) exclusion.get("Users");
            if (excludedUsers != null && excludedUsers.contains(userId)) {
                return false;
            }
            Collection<?> excludedGroups = (Collection<?>) exclusion.get("Groups");
            if (excludedGroups != null && groups.stream().anyMatch(excludedGroups::contains)) {
                return false;
            }
        }
        Collection<?> rollouts = (Collection<?>) audience.get("Groups");
        if (rollouts != null) {
            for (Object entry : rollouts) {
                Map<?, ?> group = (Map<?, ?>) entry;
                String name = (String) group.get("Name");
                if (groups.contains(name) && inRollout(userId + "\n" + flagId + "\n" + name, ((Number) group.get("RolloutPercentage")).doubleValue())) {
                    return true;
                }
            }
        }
        Number rollout = (Number) audience.get("DefaultRolloutPercentage");
        return rollout != null && inRollout(userId + "\n" + flagId, rollout.doubleValue());
// END TARGETED
