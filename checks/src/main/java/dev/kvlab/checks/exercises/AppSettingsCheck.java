package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.appconfig.ConfigSeed;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckFailed;
import dev.kvlab.checks.support.CheckStore;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.RequestLog;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.AppSettings;
import dev.kvlab.exercises.AppSettings.LoadedSetting;
import dev.kvlab.runtime.Mask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 12 (settings): an app's settings from App Configuration under a random key prefix, one per key with the
 * environment's label winning over no label, Key Vault references resolved through the SecretClient (versionless
 * ones following a rotation, pinned ones not), and every reference that cannot be resolved an error for that setting
 * alone. The store is the local one inside the run's local vault (the references point at it), the learner signs in
 * as {@code app} (App Configuration Data Reader); decoys sit under look-alike prefixes and other labels.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppSettingsCheck {
    static final String LOAD = "LOAD_SETTINGS";
    static final String RESOLVE = "RESOLVE_REFERENCE";
    static final String PAGE = "docs/settings.md#";

    // ---- the calls into the learner's code: one place each ----

    private static List<LoadedSetting> loadSettings(Learner learner, CheckStore store, CheckVault vault, String prefix,
            String environment) {
        try {
            return learner.call("loadSettings", store.client(), vault.client(), prefix, environment);
        } catch (LearnerThrew e) {
            if (e.typeName().startsWith("java.lang.UnsupportedOperationException")) {
                throw e; // not implemented yet: reported as such
            }
            throw new CheckFailed("region " + LOAD + " threw " + e.simpleName() + (e.status() == null ? "" : " (HTTP "
                    + e.status() + ")") + ": a setting that cannot be loaded is an error on that setting, never an "
                    + "exception that loses the others");
        }
    }

    private static LoadedSetting resolveReference(Learner learner, CheckVault vault, String key, String secretId) {
        try {
            return learner.call("resolveReference", vault.client(), key, null, secretId);
        } catch (LearnerThrew e) {
            if (e.typeName().startsWith("java.lang.UnsupportedOperationException")) {
                throw e;
            }
            throw new CheckFailed("region " + RESOLVE + " threw " + e.simpleName() + " for the reference " + secretId
                    + ": a reference this app cannot resolve is a LoadedSetting with an error, never an exception");
        }
    }

    // ---- arranging the store ----

    /** A key prefix no one else uses, like {@code <run>app-maps-3f9a1c:}. */
    private static String appPrefix(CheckStore store, Random random) {
        return store.key(TestData.name(random, "app")) + ":";
    }

    /** A setting name below the prefix, like {@code Endpoint-7}. */
    private static String settingName(Random random, int i) {
        List<String> names = List.of("Endpoint", "DeploymentName", "MaxTokens", "Temperature", "Region", "Timeout",
                "ApiVersion", "Model");
        return names.get(random.nextInt(names.size())) + "-" + i;
    }

    private static String environment(Random random) {
        List<String> environments = List.of("production", "staging", "test", "dev", "canary");
        return environments.get(random.nextInt(environments.size())) + "-" + (1 + random.nextInt(9));
    }

    /** A setting as the judge expects it from the store itself. */
    private static LoadedSetting plain(ConfigurationSetting s) {
        return new LoadedSetting(s.getKey(), s.getLabel(), s.getValue(), AppSettings.FROM_STORE, null, null);
    }

    private static String vaultUrl(CheckVault vault) {
        String url = vault.admin().getVaultUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A loaded setting in a few words, for messages: what differs is easy to see. */
    private static String brief(LoadedSetting s) {
        return (s.error() != null ? "error \"" + s.error() + "\"" : "\"" + s.value() + "\"") + " (label "
                + (s.label() == null ? "none" : s.label()) + ", source " + s.source()
                + (s.secretVersion() == null ? "" : ", version " + s.secretVersion()) + ")";
    }

    private static String show(List<LoadedSetting> settings) {
        return settings == null ? "null" : settings.stream().map(s -> s.key() + (s.label() == null ? "" : "@" + s.label())
                + "=" + (s.error() != null ? "error" : s.value())).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The learner's settings by key; fails on a key that is there twice. */
    private static Map<String, LoadedSetting> byKey(List<LoadedSetting> settings, String region) {
        unless(settings != null, () -> "region " + region + " returned null, not a list of settings");
        Map<String, LoadedSetting> byKey = new TreeMap<>();
        for (LoadedSetting s : settings) {
            unless(byKey.put(s.key(), s) == null, () -> "region " + region + " returned " + s.key() + " twice: one "
                    + "setting per key (the environment's label, else none): " + show(settings));
        }
        return byKey;
    }

    /**
     * Whether the learner returned the whole secret where {@code expected} holds its masked value. Messages mask
     * secrets, so "expected X, saw X" would be all the learner sees: say what is wrong instead.
     */
    private static boolean unmasked(LoadedSetting expected, LoadedSetting seen) {
        return AppSettings.FROM_KEY_VAULT.equals(expected.source()) && expected.value() != null && seen != null
                && seen.value() != null && !seen.value().equals(expected.value())
                && Mask.value(seen.value()).equals(expected.value());
    }

    private static String wholeSecret(String key) {
        return "region " + RESOLVE + " returned the secret of " + key + " whole: return Mask.value(value), an app "
                + "never shows a secret";
    }

    /**
     * When a setting with no label is missing and the learner returned none at all, the label filter is the likely
     * cause (said before the lists, which a long message cuts): in Java source {@code "\0"} (one backslash) is the NUL character, the store's "no label";
     * {@code "\\0"} is a backslash and a zero, a label no setting has.
     */
    private static String noUnlabelled(LoadedSetting missing, List<LoadedSetting> seen) {
        if (missing.label() != null || seen == null || seen.stream().anyMatch(s -> s.label() == null)) {
            return "";
        }
        return ": no setting with no label came back; the label filter's \"no label\" is \"\\0\" in Java, one "
                + "character (NUL), not \"\\\\0\" (a backslash and a zero)";
    }

    /** Holds the learner's settings to exactly {@code expected}, then to their order. */
    private static void same(List<LoadedSetting> expected, List<LoadedSetting> seen, String region, String what) {
        Map<String, LoadedSetting> byKey = byKey(seen, region);
        for (LoadedSetting e : expected) {
            LoadedSetting s = byKey.get(e.key());
            unless(s != null, () -> "region " + region + " left out " + e.key() + (e.label() == null ? "" : " (label "
                    + e.label() + ")") + " " + what + noUnlabelled(e, seen) + ": expected " + show(expected) + ", saw "
                    + show(seen));
            unless(!unmasked(e, s), () -> wholeSecret(e.key()));
            unless(Objects.equals(e, s), () -> "region " + region + " loaded " + e.key() + " " + what + " as "
                    + brief(s) + ", expected " + brief(e));
        }
        for (LoadedSetting s : seen) {
            unless(expected.stream().anyMatch(e -> e.key().equals(s.key())), () -> "region " + region + " loaded "
                    + s.key() + (s.label() == null ? "" : " (label " + s.label() + ")") + ", which is not the app's "
                    + what + ": expected only " + show(expected));
        }
        List<String> order = seen.stream().map(LoadedSetting::key).toList();
        unless(order.equals(order.stream().sorted().toList()), () -> "region " + region + " returned the settings in "
                + "the order " + order + ": sort them by key");
    }

    // ---- the checks ----

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("loads every setting under the app's key prefix, and nothing else")
    @Check(task = 1, region = LOAD, hint = "see " + PAGE + "1: a SettingSelector's key filter \"<prefix>*\" lists the "
            + "keys that start with the prefix; the label filter \"\\0\" means no label")
    void loadsTheAppsKeys(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        List<LoadedSetting> expected = new ArrayList<>();
        int count = 3 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            expected.add(plain(store.put(prefix + settingName(random, i), null, TestData.value(random, 8 + random.nextInt(20)))));
        }
        // look-alikes: another app whose prefix extends this one's, a key that is the prefix without its colon
        String bare = prefix.substring(0, prefix.length() - 1);
        store.put(bare + "X:" + settingName(random, 0), null, "another-app");
        store.put(bare + "Endpoint", null, "not-the-app");
        expected.sort(Comparator.comparing(LoadedSetting::key));
        same(expected, loadSettings(learner, store, vault, prefix, environment(random)), LOAD,
                "(no setting has the environment's label, so each comes with no label)");
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("asks the store only for the app's keys")
    @Check(task = 1, region = LOAD, hint = "see " + PAGE + "1: filter in the store, not in your code: "
            + "SettingSelector.setKeyFilter(prefix + \"*\"); a listing without a key filter reads every app's settings")
    void filtersInTheStore(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        store.put(prefix + settingName(random, 1), null, TestData.value(random, 12));
        store.put(store.key(TestData.name(random, "other")) + ":Secret", null, "another-app");
        loadSettings(learner, store, vault, prefix, environment(random));
        List<RequestLog.Request> requests = store.requests().all();
        unless(!requests.isEmpty(), () -> "region " + LOAD + " sent the store no request");
        for (RequestLog.Request r : requests) {
            if (r.path().equals("/kv")) {
                String filter = r.parameter("key");
                unless(filter != null && filter.startsWith(prefix), () -> "region " + LOAD + " listed the store with "
                        + (filter == null ? "no key filter" : "the key filter " + filter) + ": that reads other apps' "
                        + "settings too; filter on " + prefix + "*");
            } else if (r.path().startsWith("/kv/")) {
                String key = java.net.URLDecoder.decode(r.path().substring(4), java.nio.charset.StandardCharsets.UTF_8);
                unless(key.startsWith(prefix), () -> "region " + LOAD + " read the key " + key + ", which is not the app's");
            } else {
                unless(false, () -> "region " + LOAD + " asked the store for " + r.path() + ": list the app's settings (/kv)");
            }
        }
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("takes the environment's label over no label, and ignores other labels")
    @Check(task = 2, region = LOAD, hint = "see " + PAGE + "2: list with the label filter \"<environment>,\\0\" and keep "
            + "the labelled setting when a key comes twice, whatever order the store lists them in")
    void environmentWins(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        String environment = environment(random);
        String other = environment + "x";
        List<LoadedSetting> expected = new ArrayList<>();
        int i = 0;
        for (int round = 0; round < 2; round++) {
            // both: the environment's wins (stored in either order)
            String both = prefix + settingName(random, i++);
            if (random.nextBoolean()) {
                store.put(both, null, "default-" + TestData.value(random, 6));
                expected.add(plain(store.put(both, environment, "env-" + TestData.value(random, 6))));
            } else {
                LoadedSetting env = plain(store.put(both, environment, "env-" + TestData.value(random, 6)));
                store.put(both, null, "default-" + TestData.value(random, 6));
                expected.add(env);
            }
            // no label only, and no label beside another environment's: the one with no label
            expected.add(plain(store.put(prefix + settingName(random, i++), null, "default-" + TestData.value(random, 6))));
            String fallback = prefix + settingName(random, i++);
            store.put(fallback, other, "other-" + TestData.value(random, 6));
            expected.add(plain(store.put(fallback, null, "default-" + TestData.value(random, 6))));
            // the environment's only: that one; another environment's only: not the app's here
            expected.add(plain(store.put(prefix + settingName(random, i++), environment, "env-" + TestData.value(random, 6))));
            store.put(prefix + settingName(random, i++), other, "other-" + TestData.value(random, 6));
        }
        expected.sort(Comparator.comparing(LoadedSetting::key));
        same(expected, loadSettings(learner, store, vault, prefix, environment), LOAD, "for environment " + environment);
    }

    @Order(4)
    @DisplayName("without an environment, loads only the settings with no label")
    @Check(task = 2, region = LOAD, hint = "see " + PAGE + "2: environment null or blank: the label filter is \"\\0\" "
            + "alone (\"null,\\0\" would look for a label called null)")
    void noEnvironment(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        String environment = environment(random);
        List<LoadedSetting> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String key = prefix + settingName(random, i);
            expected.add(plain(store.put(key, null, "default-" + TestData.value(random, 6))));
            store.put(key, environment, "env-" + TestData.value(random, 6));
        }
        store.put(prefix + settingName(random, 3), environment, "env-" + TestData.value(random, 6));
        store.put(prefix + settingName(random, 4), "null", "label-called-null");
        expected.sort(Comparator.comparing(LoadedSetting::key));
        same(expected, loadSettings(learner, store, vault, prefix, null), LOAD, "(environment null)");
        same(expected, loadSettings(learner, store, vault, prefix, " "), LOAD, "(environment blank)");
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("resolves a Key Vault reference through the SecretClient, value masked")
    @Check(task = 3, region = RESOLVE, hint = "see " + PAGE + "3: a SecretReferenceConfigurationSetting's "
            + "getSecretId() is https://<vault>/secrets/<name>[/<version>]: read that secret, return Mask.value of it")
    void resolvesReferences(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        String name = vault.name(TestData.name(random, "ref"));
        KeyVaultSecret secret = vault.put(name, TestData.longValue(random), "application/x-api-key", null);
        String key = prefix + "ApiKey";
        store.putReference(key, null, vaultUrl(vault) + "/secrets/" + name);
        LoadedSetting endpoint = plain(store.put(prefix + "Endpoint", null, "https://" + TestData.name(random, "ai") + ".example/"));
        List<LoadedSetting> expected = List.of(new LoadedSetting(key, null, Mask.value(secret.getValue()),
                AppSettings.FROM_KEY_VAULT, secret.getProperties().getVersion(), null), endpoint);
        List<LoadedSetting> seen = loadSettings(learner, store, vault, prefix, environment(random));
        LoadedSetting got = byKey(seen, LOAD).get(key);
        unless(got != null, () -> "region " + LOAD + " left out the Key Vault reference " + key + ": " + show(seen));
        unless(got.error() == null, () -> "region " + RESOLVE + " could not resolve " + key + ", a reference to the "
                + "existing secret " + name + ": " + got.error());
        unless(!secret.getValue().equals(got.value()), () -> "region " + RESOLVE + " returned the secret of " + key
                + " whole: return Mask.value(value), an app never shows a secret");
        same(expected, seen, RESOLVE, "(a reference: the secret's masked value, source " + AppSettings.FROM_KEY_VAULT
                + ", the version read)");
        unless(!vault.requests().readsOf(name).isEmpty(), () -> "region " + RESOLVE + " never read the secret " + name
                + " through the SecretClient it was given");
    }

    @Order(6)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("follows a rotation through a reference without a version, and keeps a pinned one")
    @Check(task = 3, region = RESOLVE, hint = "see " + PAGE + "3: no version in the URI: getSecret(name) reads the latest "
            + "version at each load; a version in the URI: getSecret(name, version) reads that one")
    void versionlessFollowsRotation(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        String name = vault.name(TestData.name(random, "rot"));
        KeyVaultSecret first = vault.put(name, TestData.longValue(random), "application/x-api-key", null);
        String latestKey = prefix + "ApiKey";
        String pinnedKey = prefix + "ApiKeyPinned";
        store.putReference(latestKey, null, vaultUrl(vault) + "/secrets/" + name);
        store.putReference(pinnedKey, null, vaultUrl(vault) + "/secrets/" + name + "/" + first.getProperties().getVersion());
        Map<String, LoadedSetting> before = byKey(loadSettings(learner, store, vault, prefix, null), LOAD);
        TestData.elapse(vault, random);
        KeyVaultSecret second = vault.put(name, TestData.longValue(random), "application/x-api-key", null);
        Map<String, LoadedSetting> after = byKey(loadSettings(learner, store, vault, prefix, null), LOAD);
        for (Map<String, LoadedSetting> load : List.of(before, after)) {
            for (String key : List.of(latestKey, pinnedKey)) {
                unless(load.get(key) != null && load.get(key).error() == null, () -> "region " + RESOLVE + " could not "
                        + "resolve " + key + ": " + (load.get(key) == null ? "left out" : load.get(key).error()));
            }
        }
        String v1 = first.getProperties().getVersion();
        String v2 = second.getProperties().getVersion();
        unless(v1.equals(before.get(latestKey).secretVersion()), () -> "region " + RESOLVE + " read version "
                + before.get(latestKey).secretVersion() + " for " + latestKey + " before the rotation, expected " + v1);
        unless(v2.equals(after.get(latestKey).secretVersion()), () -> "region " + RESOLVE + " still gave " + latestKey
                + " version " + after.get(latestKey).secretVersion() + " after the secret was rotated to " + v2
                + ": a reference without a version follows the latest");
        String latestMasked = Mask.value(second.getValue());
        String latestSeen = after.get(latestKey).value();
        unless(latestSeen == null || latestSeen.equals(latestMasked) || !Mask.value(latestSeen).equals(latestMasked),
                () -> wholeSecret(latestKey));
        unless(latestMasked.equals(latestSeen), () -> "region " + RESOLVE + " gave " + latestKey + " version " + v2
                + " after the rotation, but not that version's value, masked: return Mask.value of the secret read");
        unless(v1.equals(after.get(pinnedKey).secretVersion()) && Mask.value(first.getValue()).equals(after.get(pinnedKey).value()),
                () -> "region " + RESOLVE + " gave the pinned reference " + pinnedKey + " version "
                        + after.get(pinnedKey).secretVersion() + ", expected the version in its URI, " + v1);
    }

    @Order(7)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("makes a reference to a missing or disabled secret an error on that setting alone")
    @Check(task = 4, region = RESOLVE, hint = "see " + PAGE + "4: catch ResourceNotFoundException (404) and "
            + "HttpResponseException (403 for a disabled secret) around the read, and return a LoadedSetting whose "
            + "error names the key and the secret")
    void missingSecretsAreErrors(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        String missing = vault.name(TestData.name(random, "gone"));
        String disabled = vault.name(TestData.name(random, "off"));
        KeyVaultSecret off = vault.put(disabled, TestData.longValue(random), "text/plain", null);
        vault.admin().updateSecretProperties(off.getProperties().setEnabled(false));
        String missingKey = prefix + "MissingKey";
        String disabledKey = prefix + "DisabledKey";
        store.putReference(missingKey, null, vaultUrl(vault) + "/secrets/" + missing);
        store.putReference(disabledKey, null, vaultUrl(vault) + "/secrets/" + disabled);
        LoadedSetting endpoint = plain(store.put(prefix + "Endpoint", null, "https://" + TestData.name(random, "ai") + ".example/"));
        Map<String, LoadedSetting> seen = byKey(loadSettings(learner, store, vault, prefix, null), LOAD);
        unless(endpoint.equals(seen.get(endpoint.key())), () -> "region " + LOAD + " lost " + endpoint.key()
                + " because another setting could not be resolved: saw " + seen.get(endpoint.key()));
        for (String[] c : List.of(new String[] {missingKey, missing, "does not exist"},
                new String[] {disabledKey, disabled, "is disabled (403)"})) {
            LoadedSetting s = seen.get(c[0]);
            unless(s != null, () -> "region " + LOAD + " left out " + c[0] + ", whose secret " + c[2] + ": keep it, with "
                    + "an error that says so");
            unless(s.error() != null && s.value() == null, () -> "region " + RESOLVE + " gave " + c[0] + " no error, "
                    + "although its secret " + c[1] + " " + c[2] + " (saw " + s + ")");
            unless(s.error().contains(c[0]) && s.error().contains(c[1]), () -> "region " + RESOLVE + " reported " + c[0]
                    + " with the error \"" + s.error() + "\": name the key and the secret (" + c[1] + ") so whoever "
                    + "reads it knows what to fix");
        }
    }

    @Order(8)
    @DisplayName("refuses a reference to another vault, or to no secret, without a request")
    @Check(task = 4, region = RESOLVE, hint = "see " + PAGE + "4: compare the reference's host (and port) with "
            + "secrets.getVaultUrl(), and its path with /secrets/<name>[/<version>], before reading anything")
    void foreignReferencesAreErrors(Learner learner, CheckVault vault, Random random) {
        String here = vaultUrl(vault);
        String existing = vault.name(TestData.name(random, "real"));
        vault.put(existing, TestData.longValue(random), "text/plain", null);
        String otherVault = "https://" + TestData.name(random, "kv") + ".vault.azure.net";
        // the same host on another port is another vault too (a learner who compares hosts only reads this one)
        java.net.URI hereUri = java.net.URI.create(here);
        String otherPort = "https://" + hereUri.getHost() + ":" + (hereUri.getPort() == 1 ? 2 : hereUri.getPort() - 1);
        List<String[]> cases = List.of(
                new String[] {otherVault + "/secrets/" + existing, otherVault.substring(8)},
                new String[] {otherPort + "/secrets/" + existing, null},
                new String[] {here + "/keys/" + existing, "/keys/"},
                new String[] {here + "/secrets/", null},
                new String[] {here + "/secrets/" + existing + "/1234/extra", null},
                new String[] {"not a uri: " + existing, null});
        for (String[] c : cases) {
            String key = "Ref:" + TestData.name(random, "k");
            int before = vault.requests().all().size();
            LoadedSetting s = resolveReference(learner, vault, key, c[0]);
            unless(s != null && s.error() != null && s.value() == null, () -> "region " + RESOLVE + " resolved the "
                    + "reference " + c[0] + " (saw " + s + "): it is not a secret of the vault this app reads, so it is "
                    + "an error on " + key);
            unless(s.error().contains(key), () -> "region " + RESOLVE + " reported " + c[0] + " with \"" + s.error()
                    + "\": name the key (" + key + ")");
            unless(c[1] == null || s.error().contains(c[1]), () -> "region " + RESOLVE + " reported " + c[0] + " with \""
                    + s.error() + "\": say what is wrong with it (" + c[1] + ")");
            unless(vault.requests().all().size() == before, () -> "region " + RESOLVE + " sent the vault a request for "
                    + "the reference " + c[0] + ": check it before reading anything");
        }
    }

    @Order(9)
    @DisplayName("makes a reference without a secret URI an error on that setting")
    @Check(task = 4, region = RESOLVE, hint = "see " + PAGE + "4: a reference whose value has no \"uri\" comes back "
            + "with getSecretId() null: that is an error on that setting too")
    void referenceWithoutUriIsAnError(Learner learner, CheckStore store, CheckVault vault, Random random) {
        String prefix = appPrefix(store, random);
        String key = prefix + "Misspelled";
        // "url" for "uri": the SDK reads it as a reference to nothing
        store.admin().setConfigurationSetting(new ConfigurationSetting().setKey(key)
                .setValue("{\"url\":\"" + vaultUrl(vault) + "/secrets/openai-api-key\"}")
                .setContentType(ConfigSeed.KEY_VAULT_REFERENCE));
        LoadedSetting endpoint = plain(store.put(prefix + "Endpoint", null, "https://" + TestData.name(random, "ai") + ".example/"));
        Map<String, LoadedSetting> seen = byKey(loadSettings(learner, store, vault, prefix, null), LOAD);
        unless(endpoint.equals(seen.get(endpoint.key())), () -> "region " + LOAD + " lost " + endpoint.key()
                + " because " + key + " is broken: saw " + seen.get(endpoint.key()));
        LoadedSetting s = seen.get(key);
        unless(s != null, () -> "region " + LOAD + " left out " + key + ", a Key Vault reference without a uri: keep "
                + "it, with an error that says so");
        unless(s.error() != null && s.error().contains(key) && s.value() == null, () -> "region " + RESOLVE + " gave the "
                + "reference without a uri " + key + " " + s + ": expected an error naming the key, and no value");
    }

    @Order(10)
    @DisplayName("loads the course's sample app for production")
    @Check(task = 3, region = LOAD, hint = "see " + PAGE + "3: OpenAI:DeploymentName has a production label, "
            + "OpenAI:ApiKey is a Key Vault reference to openai-api-key")
    void sampleApp(Learner learner, CheckStore store, CheckVault vault) {
        KeyVaultSecret apiKey = vault.admin().getSecret("openai-api-key");
        List<LoadedSetting> expected = new ArrayList<>();
        expected.add(new LoadedSetting("OpenAI:ApiKey", null, Mask.value(apiKey.getValue()), AppSettings.FROM_KEY_VAULT,
                apiKey.getProperties().getVersion(), null));
        expected.add(plain(store.admin().getConfigurationSetting("OpenAI:DeploymentName", "production")));
        expected.add(plain(store.admin().getConfigurationSetting("OpenAI:Endpoint", null)));
        same(expected, loadSettings(learner, store, vault, AppSettings.PREFIX, "production"), LOAD,
                "(the seeded store, environment production)");
    }
}
