// expect: fail targets users, groups and the default rollout as Microsoft.Targeting does
// message: said not targeted, expected targeted
// BEGIN TARGETED
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
        Collection<?> users = (Collection<?>) audience.get("Users");
        if (users != null && users.contains(userId)) {
            return true;
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
        return false; // DefaultRolloutPercentage forgotten: nobody outside the lists
// END TARGETED
