// expect: fail puts a user inside a rollout as FeatureManagement does (SHA-256, 4 bytes little-endian)
// message: rollout for the context
// BEGIN IN_ROLLOUT
        if (percentage >= 100) {
            return true;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(contextId.getBytes(StandardCharsets.UTF_8));
            long marker = ByteBuffer.wrap(hash, 0, 4).getInt() & 0xFFFFFFFFL; // ByteBuffer's default order: big-endian
            return marker / 4294967295.0 * 100 < percentage;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
// END IN_ROLLOUT
