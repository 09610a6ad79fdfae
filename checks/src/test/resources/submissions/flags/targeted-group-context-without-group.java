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
                // the group's name left out of the context: every group rolls out to the same users
                if (groups.contains(name) && inRollout(userId + "\n" + flagId, ((Number) group.get("RolloutPercentage")).doubleValue())) {
                    return true;
                }
            }
        }
        Number rollout = (Number) audience.get("DefaultRolloutPercentage");
        return rollout != null && inRollout(userId + "\n" + flagId, rollout.doubleValue());
// END TARGETED
