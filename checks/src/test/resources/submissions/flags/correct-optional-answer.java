// expect: pass
// BEGIN ANSWER
        boolean on = evaluate(config, flagId, userId, groups).on();
        return java.util.Optional.ofNullable(on ? semanticCache.get(prompt) : null)
                .map(cached -> new Reply(FROM_CACHE, cached))
                .orElseGet(() -> new Reply(FROM_MODEL, callModel(prompt)));
// END ANSWER
