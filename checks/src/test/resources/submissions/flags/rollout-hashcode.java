// expect: fail puts a user inside a rollout as FeatureManagement does (SHA-256, 4 bytes little-endian)
// message: rollout for the context
// BEGIN IN_ROLLOUT
        // String.hashCode is deterministic too, but it is not FeatureManagement's assignment
        return Math.floorMod(contextId.hashCode(), 100) < percentage;
// END IN_ROLLOUT
