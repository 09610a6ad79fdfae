///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 13: read feature flags from App Configuration and evaluate them for a user (instructions: docs/flags.md)

package dev.kvlab.exercises;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagFilter;
import com.azure.data.appconfiguration.models.SettingSelector;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Exercise 13: feature flags from App Configuration, evaluated for a user the way Microsoft.FeatureManagement does. */
public class FeatureFlags {

    /** The course's flag: answer from the semantic cache before calling the model (seeds/001, "Feature Flags"). */
    public static final String SEMANTIC_CACHE = "EnableSemanticCache";
    /** A feature flag's key is this prefix and its id ({@code FeatureFlagConfigurationSetting.KEY_PREFIX}). */
    public static final String KEY_PREFIX = ".appconfig.featureflag/";
    /** The percentage filter; parameter {@code Value}: a number from 0 to 100. */
    public static final String PERCENTAGE = "Microsoft.Percentage";
    /** The targeting filter; parameter {@code Audience} (Users, Groups, DefaultRolloutPercentage, Exclusion). */
    public static final String TARGETING = "Microsoft.Targeting";
    /** Where an answer came from: the semantic cache. */
    public static final String FROM_CACHE = "semantic cache";
    /** Where an answer came from: the model ({@link #callModel}). */
    public static final String FROM_MODEL = "model";

    /**
     * A feature flag as the store holds it.
     *
     * @param id      the flag's id, e.g. {@code EnableSemanticCache} (its key without {@link #KEY_PREFIX})
     * @param label   the flag's label, or null
     * @param enabled the flag's on/off switch
     * @param filters the names of its client filters, in the flag's order (empty when it has none)
     */
    public record Flag(String id, String label, boolean enabled, List<String> filters) {
    }

    /** Why a flag is on or off for a user. */
    public enum Reason {
        /** no flag with this id (and no label): off */
        MISSING,
        /** the flag is disabled: off, whatever its filters say */
        DISABLED,
        /** enabled, with no filters: on for everyone */
        NO_FILTERS,
        /** enabled, and one of its filters passed for this user: on */
        FILTER_PASSED,
        /** enabled, and none of its filters passed for this user (an unknown filter never passes): off */
        NO_FILTER_PASSED
    }

    /**
     * A flag evaluated for one user.
     *
     * @param flagId the flag's id
     * @param on     whether the feature is on for this user
     * @param reason why
     * @param filter for {@link Reason#FILTER_PASSED}, the name of the first filter (in the flag's order) that passed;
     *               else null
     */
    public record Decision(String flagId, boolean on, Reason reason, String filter) {
    }

    /**
     * What the app answered.
     *
     * @param path {@link #FROM_CACHE} or {@link #FROM_MODEL}
     * @param text the answer
     */
    public record Reply(String path, String text) {
    }

    /**
     * Task 1 (docs/flags.md): every feature flag whose id starts with {@code idPrefix} (any label), read from the
     * store as {@link FeatureFlagConfigurationSetting}s, sorted by id, then label (no label first).
     */
    public static List<Flag> readFlags(ConfigurationClient config, String idPrefix) {
        // BEGIN READ_FLAGS
        throw new UnsupportedOperationException("FeatureFlags: fill in region READ_FLAGS in exercises/FeatureFlags.java (see docs/flags.md), then run ./jbang check flags");
        // END READ_FLAGS
    }

    /**
     * Task 2: whether the user behind {@code contextId} falls inside a rollout of {@code percentage} percent (0-100),
     * as Microsoft.FeatureManagement decides it: the first 4 bytes of the SHA-256 of {@code contextId} (UTF-8) as an
     * unsigned little-endian number, scaled to 0..100; inside when that is below {@code percentage}; 100 is everyone.
     */
    public static boolean inRollout(String contextId, double percentage) {
        // BEGIN IN_ROLLOUT
        throw new UnsupportedOperationException("FeatureFlags: fill in region IN_ROLLOUT in exercises/FeatureFlags.java (see docs/flags.md), then run ./jbang check flags");
        // END IN_ROLLOUT
    }

    /**
     * Task 3: the {@link #TARGETING} filter's {@code Audience} parameter (as the SDK parses it: maps, lists, numbers)
     * for the user {@code userId} in {@code groups}, as Microsoft.FeatureManagement evaluates it: excluded users and
     * groups are out; listed users are in; a user in a listed group is in when {@link #inRollout} of
     * {@code "<userId>\n<flagId>\n<group>"} at that group's RolloutPercentage; else {@link #inRollout} of
     * {@code "<userId>\n<flagId>"} at DefaultRolloutPercentage.
     */
    public static boolean targeted(Map<String, Object> audience, String flagId, String userId, List<String> groups) {
        // BEGIN TARGETED
        throw new UnsupportedOperationException("FeatureFlags: fill in region TARGETED in exercises/FeatureFlags.java (see docs/flags.md), then run ./jbang check flags");
        // END TARGETED
    }

    /**
     * Task 4: the flag {@code flagId} (no label) for the user {@code userId} in {@code groups}: missing or disabled
     * is off; enabled without filters is on; else on when any filter passes, in the flag's order:
     * {@link #PERCENTAGE} when {@link #inRollout} of {@code "<userId>\n<flagId>"} at its Value, {@link #TARGETING}
     * when {@link #targeted}; a filter of another name never passes.
     */
    public static Decision evaluate(ConfigurationClient config, String flagId, String userId, List<String> groups) {
        // BEGIN EVALUATE_FLAG
        throw new UnsupportedOperationException("FeatureFlags: fill in region EVALUATE_FLAG in exercises/FeatureFlags.java (see docs/flags.md), then run ./jbang check flags");
        // END EVALUATE_FLAG
    }

    /**
     * Task 5: answer {@code prompt} for the user as the course's app does: when the flag {@code flagId} is on for
     * them and {@code semanticCache} holds the prompt, the cached answer ({@link #FROM_CACHE}); otherwise
     * {@link #callModel}'s answer ({@link #FROM_MODEL}). With the flag off the cache is not consulted.
     */
    public static Reply answer(ConfigurationClient config, String flagId, String userId, List<String> groups,
            String prompt, Map<String, String> semanticCache) {
        // BEGIN ANSWER
        throw new UnsupportedOperationException("FeatureFlags: fill in region ANSWER in exercises/FeatureFlags.java (see docs/flags.md), then run ./jbang check flags");
        // END ANSWER
    }

    /** The seed's {@code call_llm(prompt)}: the lab calls no model, it answers with the prompt. */
    public static String callModel(String prompt) {
        return "model answer to: " + prompt;
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            // the user: the first argument, else alice; groups: the arguments after it
            String user = args.length > 0 && !args[0].startsWith("--") ? args[0] : "alice";
            List<String> groups = new ArrayList<>();
            for (int i = 1; i < args.length && !args[i].startsWith("--"); i++) {
                groups.add(args[i]);
            }
            ConfigurationClient config = Lab.configurationClient();
            List<Flag> flags = readFlags(config, "");
            System.out.println("Feature flags in " + Lab.storeConnection().endpoint());
            Table.of(Flag.class, flags).print();
            Decision decision = evaluate(config, SEMANTIC_CACHE, user, groups);
            System.out.println(SEMANTIC_CACHE + " for " + user + " " + groups + ": " + (decision.on() ? "on" : "off")
                    + " (" + decision.reason() + (decision.filter() == null ? "" : " " + decision.filter()) + ")");
            Reply reply = answer(config, SEMANTIC_CACHE, user, groups, "What is Key Vault?",
                    Map.of("What is Key Vault?", "A cloud service for secrets, keys and certificates."));
            System.out.println("answered from the " + reply.path() + ": " + reply.text());
        });
    }
}
