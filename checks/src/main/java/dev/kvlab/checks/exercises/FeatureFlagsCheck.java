package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagFilter;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckFailed;
import dev.kvlab.checks.support.CheckStore;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.RequestLog;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.FeatureFlags;
import dev.kvlab.exercises.FeatureFlags.Decision;
import dev.kvlab.exercises.FeatureFlags.Flag;
import dev.kvlab.exercises.FeatureFlags.Reason;
import dev.kvlab.exercises.FeatureFlags.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 13 (flags): feature flags read from App Configuration and evaluated for a user. The judge writes random
 * flags (enabled or not, percentage and targeting filters with users, groups, rollouts at 0, 100 and in between,
 * exclusions, filters the lab does not know) under the run's prefix, draws random users and groups, and holds the
 * learner's answers to its own evaluation of the same flags: Microsoft.FeatureManagement's targeting rules, with its
 * SHA-256 assignment of a user to a rollout (the lab applies the same rule to the percentage filter, which
 * FeatureManagement draws at random each time: see docs/flags.md).
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeatureFlagsCheck {
    static final String READ = "READ_FLAGS";
    static final String ROLLOUT = "IN_ROLLOUT";
    static final String TARGETED = "TARGETED";
    static final String EVALUATE = "EVALUATE_FLAG";
    static final String ANSWER = "ANSWER";
    static final String PAGE = "docs/flags.md#";
    static final List<String> GROUPS = List.of("ring0", "ring1", "beta-testers", "contoso.com", "employees", "partners");

    // ---- the calls into the learner's code: one place each ----

    private static List<Flag> readFlags(Learner learner, CheckStore store, String idPrefix) {
        return learner.call("readFlags", store.client(), idPrefix);
    }

    private static boolean inRollout(Learner learner, String contextId, double percentage) {
        Boolean in = learner.call("inRollout", contextId, percentage);
        return in;
    }

    private static boolean targeted(Learner learner, Map<String, Object> audience, String flagId, String userId,
            List<String> groups) {
        Boolean in = learner.call("targeted", audience, flagId, userId, groups);
        return in;
    }

    private static Decision evaluate(Learner learner, CheckStore store, String flagId, String userId, List<String> groups) {
        try {
            return learner.call("evaluate", store.client(), flagId, userId, groups);
        } catch (LearnerThrew e) {
            if (e.typeName().startsWith("java.lang.UnsupportedOperationException")) {
                throw e; // not implemented yet: reported as such
            }
            throw new CheckFailed("region " + EVALUATE + " threw " + e.simpleName() + (e.status() == null ? ""
                    : " (HTTP " + e.status() + ")") + " for the flag " + flagId + ": a flag that is missing or cannot "
                    + "be evaluated is off (a Decision), never an exception");
        }
    }

    private static Reply answer(Learner learner, CheckStore store, String flagId, String userId, List<String> groups,
            String prompt, Map<String, String> cache) {
        return learner.call("answer", store.client(), flagId, userId, groups, prompt, cache);
    }

    // ---- the judge's own evaluation (written apart from the reference solution) ----

    /** FeatureManagement's percentage of a context: SHA-256, first 4 bytes little-endian, over 2^32 - 1, times 100. */
    static double contextPercentage(String contextId) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(contextId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long marker = (h[0] & 0xFFL) | (h[1] & 0xFFL) << 8 | (h[2] & 0xFFL) << 16 | (h[3] & 0xFFL) << 24;
        return marker / 4294967295.0 * 100;
    }

    static boolean judgeInRollout(String contextId, double percentage) {
        return percentage >= 100 || contextPercentage(contextId) < percentage;
    }

    @SuppressWarnings("unchecked")
    static boolean judgeTargeted(Map<String, Object> audience, String flagId, String userId, List<String> groups) {
        Map<String, Object> exclusion = (Map<String, Object>) audience.getOrDefault("Exclusion", Map.of());
        if (((List<String>) exclusion.getOrDefault("Users", List.of())).contains(userId)) {
            return false;
        }
        for (String group : (List<String>) exclusion.getOrDefault("Groups", List.of())) {
            if (groups.contains(group)) {
                return false;
            }
        }
        if (((List<String>) audience.getOrDefault("Users", List.of())).contains(userId)) {
            return true;
        }
        for (Map<String, Object> rollout : (List<Map<String, Object>>) audience.getOrDefault("Groups", List.of())) {
            String name = (String) rollout.get("Name");
            if (groups.contains(name) && judgeInRollout(userId + "\n" + flagId + "\n" + name,
                    ((Number) rollout.get("RolloutPercentage")).doubleValue())) {
                return true;
            }
        }
        Number percentage = (Number) audience.get("DefaultRolloutPercentage");
        return percentage != null && judgeInRollout(userId + "\n" + flagId, percentage.doubleValue());
    }

    /**
     * Which of Microsoft.Targeting's rules decides for this user, in a few words: said before the audience in a
     * message, which a long audience would otherwise push past the cut.
     */
    @SuppressWarnings("unchecked")
    static String judgeWhy(Map<String, Object> audience, String flagId, String userId, List<String> groups) {
        Map<String, Object> exclusion = (Map<String, Object>) audience.getOrDefault("Exclusion", Map.of());
        if (((List<String>) exclusion.getOrDefault("Users", List.of())).contains(userId)) {
            return "Exclusion.Users lists the user";
        }
        for (String group : (List<String>) exclusion.getOrDefault("Groups", List.of())) {
            if (groups.contains(group)) {
                return "Exclusion.Groups lists their group " + group;
            }
        }
        if (((List<String>) audience.getOrDefault("Users", List.of())).contains(userId)) {
            return "Users lists the user";
        }
        for (Map<String, Object> rollout : (List<Map<String, Object>>) audience.getOrDefault("Groups", List.of())) {
            String name = (String) rollout.get("Name");
            String context = userId + "\n" + flagId + "\n" + name;
            double percentage = ((Number) rollout.get("RolloutPercentage")).doubleValue();
            if (groups.contains(name) && judgeInRollout(context, percentage)) {
                return "their group " + name + " rolls out to " + percentage + "% and the context "
                        + context.replace("\n", "\\n") + " is at " + contextPercentage(context) + "%";
            }
        }
        Number percentage = (Number) audience.get("DefaultRolloutPercentage");
        String context = userId + "\n" + flagId;
        return "no exclusion, user or group rollout decides; the default rollout is "
                + (percentage == null ? "missing (no one)" : percentage + "% and the context "
                + context.replace("\n", "\\n") + " is at " + contextPercentage(context) + "%");
    }

    @SuppressWarnings("unchecked")
    static Decision judge(FeatureFlagConfigurationSetting flag, String flagId, String userId, List<String> groups) {
        if (flag == null) {
            return new Decision(flagId, false, Reason.MISSING, null);
        }
        if (!flag.isEnabled()) {
            return new Decision(flagId, false, Reason.DISABLED, null);
        }
        if (flag.getClientFilters().isEmpty()) {
            return new Decision(flagId, true, Reason.NO_FILTERS, null);
        }
        for (FeatureFlagFilter filter : flag.getClientFilters()) {
            boolean passed = switch (filter.getName()) {
                case FeatureFlags.PERCENTAGE -> judgeInRollout(userId + "\n" + flagId,
                        ((Number) filter.getParameters().get("Value")).doubleValue());
                case FeatureFlags.TARGETING -> judgeTargeted((Map<String, Object>) filter.getParameters().get("Audience"),
                        flagId, userId, groups);
                default -> false;
            };
            if (passed) {
                return new Decision(flagId, true, Reason.FILTER_PASSED, filter.getName());
            }
        }
        return new Decision(flagId, false, Reason.NO_FILTER_PASSED, null);
    }

    // ---- random flags, users and audiences ----

    /** A percentage: often an edge (0 or 100), else whole or fractional in between. */
    static Number percentage(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 100;
            case 2 -> Math.round(random.nextDouble() * 1000) / 10.0;
            default -> 1 + random.nextInt(99);
        };
    }

    static String user(Random random) {
        return TestData.name(random, "user") + "@contoso.com";
    }

    static List<String> groupsOf(Random random) {
        List<String> groups = new ArrayList<>();
        for (String g : GROUPS) {
            if (random.nextInt(3) == 0) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** An audience over {@code users}: some listed, some groups rolled out, a default, sometimes exclusions. */
    static Map<String, Object> audience(Random random, List<String> users) {
        Map<String, Object> audience = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        for (String u : users) {
            if (random.nextInt(4) == 0) {
                listed.add(u);
            }
        }
        audience.put("Users", listed);
        List<Map<String, Object>> rollouts = new ArrayList<>();
        for (String g : GROUPS) {
            if (random.nextBoolean()) {
                Map<String, Object> rollout = new LinkedHashMap<>();
                rollout.put("Name", g);
                rollout.put("RolloutPercentage", percentage(random));
                rollouts.add(rollout);
            }
        }
        audience.put("Groups", rollouts);
        audience.put("DefaultRolloutPercentage", percentage(random));
        if (random.nextBoolean()) {
            Map<String, Object> exclusion = new LinkedHashMap<>();
            List<String> excluded = new ArrayList<>();
            for (String u : users) {
                if (random.nextInt(5) == 0) {
                    excluded.add(u);
                }
            }
            exclusion.put("Users", excluded);
            exclusion.put("Groups", random.nextBoolean() ? List.of(GROUPS.get(random.nextInt(GROUPS.size()))) : List.of());
            audience.put("Exclusion", exclusion);
        }
        return audience;
    }

    static FeatureFlagFilter percentageFilter(Number value) {
        return new FeatureFlagFilter(FeatureFlags.PERCENTAGE).addParameter("Value", value);
    }

    static FeatureFlagFilter targetingFilter(Map<String, Object> audience) {
        return new FeatureFlagFilter(FeatureFlags.TARGETING).addParameter("Audience", audience);
    }

    /** A random flag: enabled or not, with none, one or two filters (now and then one the lab does not know). */
    static FeatureFlagConfigurationSetting randomFlag(Random random, String id, List<String> users) {
        FeatureFlagConfigurationSetting flag = new FeatureFlagConfigurationSetting(id, random.nextInt(5) != 0);
        int filters = random.nextInt(3);
        for (int i = 0; i < filters; i++) {
            switch (random.nextInt(5)) {
                case 0, 1 -> flag.addClientFilter(percentageFilter(percentage(random)));
                case 2, 3 -> flag.addClientFilter(targetingFilter(audience(random, users)));
                default -> flag.addClientFilter(new FeatureFlagFilter("Contoso.Region").addParameter("Region", "west"));
            }
        }
        return flag;
    }

    /** The run's prefix for flag ids (no ':' in an id: Azure's portal refuses it). */
    static String flagPrefix(CheckStore store, Random random) {
        return store.key(TestData.name(random, "ff")) + "-";
    }

    static Flag asFlag(FeatureFlagConfigurationSetting s) {
        return new Flag(s.getFeatureId(), s.getLabel(), s.isEnabled(),
                s.getClientFilters().stream().map(FeatureFlagFilter::getName).toList());
    }

    static String show(Decision d) {
        return d == null ? "null" : (d.on() ? "on" : "off") + " (" + d.reason() + (d.filter() == null ? "" : " "
                + d.filter()) + ")";
    }

    static String describe(FeatureFlagConfigurationSetting flag) {
        return (flag.isEnabled() ? "enabled" : "disabled") + ", filters " + flag.getClientFilters().stream()
                .map(f -> f.getName() + f.getParameters()).collect(Collectors.joining(", ", "[", "]"));
    }

    // ---- the checks ----

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads every feature flag under the prefix, with its label, switch and filters")
    @Check(task = 1, region = READ, hint = "see " + PAGE + "1: list with a SettingSelector whose key filter is "
            + "\".appconfig.featureflag/<prefix>*\" and no label filter; each item is a FeatureFlagConfigurationSetting")
    void readsTheFlags(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        List<String> users = List.of(user(random), user(random));
        List<Flag> expected = new ArrayList<>();
        int count = 3 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            FeatureFlagConfigurationSetting flag = randomFlag(random, prefix + "Feature" + i, users);
            if (i == 1) {
                flag.setLabel("production");
                expected.add(asFlag(store.put(new FeatureFlagConfigurationSetting(prefix + "Feature" + i, false))));
            }
            expected.add(asFlag(store.put(flag)));
        }
        // not flags of this prefix: a plain setting named like one, a flag of another prefix
        store.put(store.key("Flags:" + prefix + "Feature0"), null, "true");
        store.put(new FeatureFlagConfigurationSetting(store.key(TestData.name(random, "other")) + "-Feature0", true));
        expected.sort(Comparator.comparing(Flag::id).thenComparing(Flag::label, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Flag> seen = readFlags(learner, store, prefix);
        unless(seen != null && seen.size() == expected.size(), () -> "region " + READ + " returned "
                + (seen == null ? "null" : seen.size() + " flags") + ", expected " + expected.size() + " (every flag "
                + "whose id starts with " + prefix + ", any label): " + expected);
        for (int i = 0; i < expected.size(); i++) {
            Flag e = expected.get(i);
            Flag s = seen.get(i);
            int at = i;
            unless(e.equals(s), () -> "region " + READ + " returned " + s + " at position " + (at + 1) + ", expected "
                    + e + " (sorted by id then label, no label first; filters by name in the flag's order)");
        }
    }

    @Order(2)
    @DisplayName("reads every page of flags")
    @Check(task = 1, region = READ, hint = "see " + PAGE + "1: iterate the PagedIterable itself (for-each, stream()): "
            + "the store sends 100 settings a page")
    void everyPage(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        int count = 101 + random.nextInt(20);
        for (int i = 0; i < count; i++) {
            store.put(new FeatureFlagConfigurationSetting(prefix + String.format("F%03d", i), random.nextBoolean()));
        }
        List<Flag> seen = readFlags(learner, store, prefix);
        unless(seen != null && seen.size() == count, () -> "region " + READ + " returned " + (seen == null ? "null"
                : seen.size() + " flags") + ", expected " + count + ": the store sends 100 a page, read every page");
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("asks the store only for the feature flags under the prefix")
    @Check(task = 1, region = READ, hint = "see " + PAGE + "1: filter in the store: the key filter "
            + "\".appconfig.featureflag/<prefix>*\"; a listing without it reads every setting of every app")
    void filtersInTheStore(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        store.put(new FeatureFlagConfigurationSetting(prefix + "Beta", true));
        readFlags(learner, store, prefix);
        List<RequestLog.Request> lists = store.requests().all().stream().filter(r -> r.path().equals("/kv")).toList();
        unless(!lists.isEmpty(), () -> "region " + READ + " did not list the store (GET /kv): use listConfigurationSettings");
        for (RequestLog.Request r : lists) {
            String filter = r.parameter("key");
            unless(filter != null && filter.startsWith(FeatureFlags.KEY_PREFIX + prefix), () -> "region " + READ
                    + " listed the store with " + (filter == null ? "no key filter" : "the key filter " + filter)
                    + ": that reads more than the flags asked for; filter on " + FeatureFlags.KEY_PREFIX + prefix + "*");
        }
    }

    @Order(4)
    @DisplayName("puts a user inside a rollout as FeatureManagement does (SHA-256, 4 bytes little-endian)")
    @Check(task = 2, region = ROLLOUT, hint = "see " + PAGE + "2: the first 4 bytes of the hash are an UNSIGNED "
            + "little-endian number (ByteBuffer.order(LITTLE_ENDIAN), then & 0xFFFFFFFFL); divide by 4294967295.0, "
            + "times 100, and compare with < (100 is everyone)")
    void rollout(Learner learner, Random random) {
        List<String> contexts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            contexts.add(user(random) + "\n" + "Feature" + random.nextInt(10)
                    + (random.nextBoolean() ? "" : "\n" + GROUPS.get(random.nextInt(GROUPS.size()))));
        }
        for (String context : contexts) {
            double percentage = percentage(random).doubleValue();
            boolean expected = judgeInRollout(context, percentage);
            boolean seen = inRollout(learner, context, percentage);
            unless(seen == expected, () -> "region " + ROLLOUT + " said " + (seen ? "inside" : "outside") + " a "
                    + percentage + "% rollout for the context " + context.replace("\n", "\\n") + ", expected "
                    + (expected ? "inside" : "outside") + " (its percentage is " + contextPercentage(context) + ")");
        }
        // at the edge: a context whose own percentage is the rollout is outside (below, not at or below)
        for (int i = 0, edges = 0; edges < 3 && i < 100; i++) {
            String context = user(random) + "\n" + "Edge";
            double own = contextPercentage(context);
            long marker = Math.round(own / 100 * 4294967295.0);
            if (own != marker * 100.0 / 4294967295.0 || own == 0) {
                continue; // the common ways of computing it differ in the last bit here: not an edge to judge on
            }
            edges++;
            boolean seen = inRollout(learner, context, own);
            unless(!seen, () -> "region " + ROLLOUT + " put the context " + context.replace("\n", "\\n") + " inside a "
                    + own + "% rollout, which is exactly its own percentage: inside means strictly below");
        }
        unless(!inRollout(learner, contexts.get(0), 0), () -> "region " + ROLLOUT + " put a user inside a 0% rollout");
        unless(inRollout(learner, contexts.get(1), 100), () -> "region " + ROLLOUT + " left a user outside a 100% rollout");
    }

    @Order(5)
    @DisplayName("targets users, groups and the default rollout as Microsoft.Targeting does")
    @Check(task = 3, region = TARGETED, hint = "see " + PAGE + "3: the order is exclusion, users, groups (context "
            + "\"<user>\\n<flag>\\n<group>\" at the group's RolloutPercentage), then the default rollout (context "
            + "\"<user>\\n<flag>\")")
    void targeting(Learner learner, Random random) {
        for (int round = 0; round < 12; round++) {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                users.add(user(random));
            }
            Map<String, Object> audience = audience(random, users);
            String flagId = "Feature" + random.nextInt(100);
            for (String user : users) {
                List<String> groups = groupsOf(random);
                boolean expected = judgeTargeted(audience, flagId, user, groups);
                boolean seen = targeted(learner, audience, flagId, user, groups);
                unless(seen == expected, () -> "region " + TARGETED + " said " + (seen ? "targeted" : "not targeted")
                        + ", expected " + (expected ? "targeted" : "not targeted") + ", for " + user + " in " + groups
                        + " (flag " + flagId + "): " + judgeWhy(audience, flagId, user, groups) + "; audience "
                        + audience);
            }
        }
    }

    @Order(6)
    @DisplayName("an excluded user or group is never targeted, whatever else lists it")
    @Check(task = 3, region = TARGETED, hint = "see " + PAGE + "3: check Exclusion.Users and Exclusion.Groups "
            + "before anything else")
    void exclusionWins(Learner learner, Random random) {
        String user = user(random);
        String group = GROUPS.get(random.nextInt(GROUPS.size()));
        String flagId = "Feature" + random.nextInt(100);
        Map<String, Object> everyone = new LinkedHashMap<>();
        everyone.put("Users", List.of(user));
        everyone.put("Groups", List.of(Map.of("Name", group, "RolloutPercentage", 100)));
        everyone.put("DefaultRolloutPercentage", 100);
        Map<String, Object> byUser = new LinkedHashMap<>(everyone);
        byUser.put("Exclusion", Map.of("Users", List.of(user), "Groups", List.of()));
        unless(!targeted(learner, byUser, flagId, user, List.of(group)), () -> "region " + TARGETED + " targeted "
                + user + ", whom Exclusion.Users lists (the audience also lists them in Users, their group at 100% and "
                + "a 100% default): exclusion comes first");
        Map<String, Object> byGroup = new LinkedHashMap<>(everyone);
        byGroup.put("Exclusion", Map.of("Users", List.of(), "Groups", List.of(group)));
        unless(!targeted(learner, byGroup, flagId, user, List.of("ring9", group)), () -> "region " + TARGETED
                + " targeted " + user + ", whose group " + group + " Exclusion.Groups lists: exclusion comes first");
        unless(targeted(learner, byGroup, flagId, user, List.of("ring9")), () -> "region " + TARGETED
                + " did not target " + user + " (listed in Users, in no excluded group)");
    }

    @Order(7)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("a missing flag is off")
    @Check(task = 4, region = EVALUATE, hint = "see " + PAGE + "4: getConfigurationSetting throws an "
            + "HttpResponseException with status 404 for a key the store does not have: that flag is off (MISSING)")
    void missingIsOff(Learner learner, CheckStore store, Random random) {
        String flagId = flagPrefix(store, random) + "Missing";
        Decision seen = evaluate(learner, store, flagId, user(random), groupsOf(random));
        Decision expected = new Decision(flagId, false, Reason.MISSING, null);
        unless(expected.equals(seen), () -> "region " + EVALUATE + " returned " + seen + " for a flag the store does "
                + "not have, expected " + expected);
    }

    @Order(8)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("a disabled flag is off, whatever its filters say")
    @Check(task = 4, region = EVALUATE, hint = "see " + PAGE + "4: isEnabled() false ends the evaluation: off, "
            + "reason DISABLED, before any filter")
    void disabledIsOff(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        String user = user(random);
        Map<String, Object> audience = new LinkedHashMap<>();
        audience.put("Users", List.of(user));
        audience.put("DefaultRolloutPercentage", 100);
        List<FeatureFlagConfigurationSetting> flags = List.of(
                new FeatureFlagConfigurationSetting(prefix + "Plain", false),
                new FeatureFlagConfigurationSetting(prefix + "Everyone", false).addClientFilter(percentageFilter(100)),
                new FeatureFlagConfigurationSetting(prefix + "Targeted", false).addClientFilter(targetingFilter(audience)));
        for (FeatureFlagConfigurationSetting flag : flags) {
            store.put(flag);
            Decision seen = evaluate(learner, store, flag.getFeatureId(), user, List.of());
            unless(seen != null && !seen.on() && seen.reason() == Reason.DISABLED, () -> "region " + EVALUATE
                    + " said " + show(seen) + " for " + user + " on the flag " + flag.getFeatureId() + " ("
                    + describe(flag) + "), expected off (DISABLED): a disabled flag is off whatever its filters");
        }
    }

    @Order(9)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("evaluates random flags for random users as FeatureManagement does")
    @Check(task = 4, region = EVALUATE, hint = "see " + PAGE + "4: no filters is on; otherwise the first filter "
            + "that passes turns it on (any, not all); Microsoft.Percentage uses the context \"<user>\\n<flag>\"")
    void evaluatesFlags(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(user(random));
        }
        for (int i = 0; i < 8; i++) {
            FeatureFlagConfigurationSetting flag = store.put(randomFlag(random, prefix + "Feature" + i, users));
            if (i == 0) {
                flag = store.put(new FeatureFlagConfigurationSetting(prefix + "Feature0", true)
                        .addClientFilter(percentageFilter(1 + random.nextInt(99))));
            }
            for (String user : users) {
                List<String> groups = groupsOf(random);
                Decision expected = judge(flag, flag.getFeatureId(), user, groups);
                Decision seen = evaluate(learner, store, flag.getFeatureId(), user, groups);
                FeatureFlagConfigurationSetting shown = flag;
                unless(expected.equals(seen), () -> "region " + EVALUATE + " said " + show(seen) + ", expected "
                        + show(expected) + ", for " + user + " in " + groups + " on the flag " + shown.getFeatureId()
                        + " (" + describe(shown) + ")");
            }
        }
    }

    @Order(10)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("a filter the app does not know never turns a flag on")
    @Check(task = 4, region = EVALUATE, hint = "see " + PAGE + "4: a filter other than Microsoft.Percentage and "
            + "Microsoft.Targeting does not pass; the flag's other filters still count")
    void unknownFilter(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        String user = user(random);
        FeatureFlagConfigurationSetting unknown = store.put(new FeatureFlagConfigurationSetting(prefix + "Regional", true)
                .addClientFilter(new FeatureFlagFilter("Contoso.Region").addParameter("Region", "west")));
        Decision seen = evaluate(learner, store, unknown.getFeatureId(), user, List.of());
        unless(seen != null && !seen.on() && seen.reason() == Reason.NO_FILTER_PASSED, () -> "region " + EVALUATE
                + " said " + show(seen) + " on a flag whose only filter is Contoso.Region, expected off (NO_FILTER_PASSED)");
        FeatureFlagConfigurationSetting then = store.put(new FeatureFlagConfigurationSetting(prefix + "Then", true)
                .addClientFilter(new FeatureFlagFilter("Contoso.Region").addParameter("Region", "west"))
                .addClientFilter(percentageFilter(100)));
        Decision second = evaluate(learner, store, then.getFeatureId(), user, List.of());
        Decision expected = new Decision(then.getFeatureId(), true, Reason.FILTER_PASSED, FeatureFlags.PERCENTAGE);
        unless(expected.equals(second), () -> "region " + EVALUATE + " said " + show(second) + " on a flag with "
                + "Contoso.Region then Microsoft.Percentage at 100, expected " + show(expected));
    }

    @Order(11)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("answers from the semantic cache only when the flag is on for the user")
    @Check(task = 5, region = ANSWER, hint = "see " + PAGE + "5: evaluate the flag for this user first; only when it "
            + "is on look the prompt up in the cache; otherwise (and on a miss) callModel(prompt)")
    void codePath(Learner learner, CheckStore store, Random random) {
        String prefix = flagPrefix(store, random);
        String insider = user(random);
        String outsider = user(random);
        String prompt = "What is " + TestData.name(random, "service") + "?";
        String cached = "cached-" + TestData.value(random, 10);
        Map<String, String> cache = Map.of(prompt, cached);
        Map<String, Object> audience = new LinkedHashMap<>();
        audience.put("Users", List.of(insider));
        audience.put("DefaultRolloutPercentage", 0);
        String flagId = store.put(new FeatureFlagConfigurationSetting(prefix + "EnableSemanticCache", true)
                .addClientFilter(targetingFilter(audience))).getFeatureId();
        Reply hit = answer(learner, store, flagId, insider, List.of(), prompt, cache);
        unless(new Reply(FeatureFlags.FROM_CACHE, cached).equals(hit), () -> "region " + ANSWER + " answered " + hit
                + " for " + insider + ", for whom the flag is on and the cache holds the prompt: expected the cached answer");
        Reply outside = answer(learner, store, flagId, outsider, List.of(), prompt, cache);
        Reply model = new Reply(FeatureFlags.FROM_MODEL, FeatureFlags.callModel(prompt));
        unless(model.equals(outside), () -> "region " + ANSWER + " answered " + outside + " for " + outsider
                + ", for whom the flag is off: expected the model's answer " + model + " (the cache is not consulted)");
        Reply miss = answer(learner, store, flagId, insider, List.of(), prompt + " (again)", cache);
        Reply missModel = new Reply(FeatureFlags.FROM_MODEL, FeatureFlags.callModel(prompt + " (again)"));
        unless(missModel.equals(miss), () -> "region " + ANSWER + " answered " + miss + " on a cache miss, expected "
                + missModel);
        String missingId = prefix + "NoSuchFlag";
        Reply absent = answer(learner, store, missingId, insider, List.of(), prompt, cache);
        unless(model.equals(absent), () -> "region " + ANSWER + " answered " + absent + " when the flag does not "
                + "exist (off), expected " + model);
    }
}
