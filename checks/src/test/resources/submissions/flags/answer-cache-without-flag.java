// expect: fail answers from the semantic cache only when the flag is on for the user
// message: the cache is not consulted
// BEGIN ANSWER
        String cached = semanticCache.get(prompt);
        if (cached != null) {
            return new Reply(FROM_CACHE, cached); // the cache before the flag: served to everyone
        }
        return new Reply(FROM_MODEL, callModel(prompt));
// END ANSWER
