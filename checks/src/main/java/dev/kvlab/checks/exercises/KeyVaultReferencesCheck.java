package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.times;
import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerObject;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.KeyVaultReferences;
import dev.kvlab.exercises.KeyVaultReferences.AppSettings;
import dev.kvlab.exercises.KeyVaultReferences.Reference;
import dev.kvlab.exercises.KeyVaultReferences.ResolveStatus;
import dev.kvlab.exercises.KeyVaultReferences.Setting;
import dev.kvlab.exercises.KeyVaultReferences.SettingRow;
import dev.kvlab.runtime.Mask;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Role;
import dev.kvlab.vault.Scope;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 10 (references): App Service Key Vault references parsed in all three forms, resolved with App Service's
 * statuses (the literal reference string kept when they fail), and refreshed so a rotation shows up.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyVaultReferencesCheck {
    static final String PARSE = "PARSE_REFERENCE";
    static final String RESOLVE = "RESOLVE";
    static final String REFRESH = "REFRESH";
    static final String PREFIX = KeyVaultReferences.PREFIX;
    /** The principal App Service resolves references as: the app's managed identity (Key Vault Secrets User). */
    static final String APP = "app";

    /**
     * The run's vault URL, shown as {@code https://<vault>} in messages: the seeded sample connection string begins
     * {@code AccountEndpoint=https://kvlab-...}, so a reference to {@code https://kvlab.localhost} would otherwise be
     * partly hidden as a possible secret value.
     */
    private static volatile String shownVault;

    static String quote(String s) {
        String v = shownVault;
        return RetrieveSecretsCheck.quote(s == null || v == null ? s : s.replace(v, "https://<vault>"));
    }

    /** The vault as references name it: its URL without a trailing slash, its authority and its name. */
    private record Target(String url, String authority, String name) {
        static Target of(SecretClient client) {
            String url = client.getVaultUrl().replaceAll("/+$", "");
            shownVault = url;
            URI uri = URI.create(url);
            return new Target(url, uri.getAuthority(), uri.getHost().split("\\.")[0]);
        }

        String uri(String secret, String version) {
            return PREFIX + "SecretUri=" + url + "/secrets/" + secret + "/" + (version == null ? "" : version) + ")";
        }

        String byName(String secret, String version) {
            return PREFIX + "VaultName=" + name + ";SecretName=" + secret
                    + (version == null ? "" : ";SecretVersion=" + version) + ")";
        }
    }

    /** A version id that no secret has: 32 lower-case hex characters, like the vault's own. */
    static String unknownVersion(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    /** A secret with two versions: the older one's version and value, and the latest's. */
    private record Rotated(String name, String oldVersion, String oldValue, String newVersion, String newValue) {}

    private static Rotated rotated(CheckVault vault, Random random, String base) {
        String name = vault.name(TestData.name(random, base));
        KeyVaultSecret first = vault.put(name, TestData.longValue(random), "text/plain", Map.of());
        KeyVaultSecret second = vault.put(name, TestData.longValue(random), "text/plain", Map.of());
        return new Rotated(name, first.getProperties().getVersion(), first.getValue(),
                second.getProperties().getVersion(), second.getValue());
    }

    // --- the learner's functions, each called in one place ---

    private static Reference parse(Learner learner, String setting) {
        return learner.call("parse", setting);
    }

    /**
     * The first field in which {@code seen} differs from {@code expected}, as "got vaultHost "a", expected "b": ",
     * so a long message that the console cuts short still says what is wrong; "" when {@code seen} is null.
     */
    static String firstDifference(Reference seen, Reference expected) {
        if (seen == null) {
            return "";
        }
        String[] names = {"vaultName", "vaultHost", "secretName", "secretVersion"};
        String[] got = {seen.vaultName(), seen.vaultHost(), seen.secretName(), seen.secretVersion()};
        String[] want = {expected.vaultName(), expected.vaultHost(), expected.secretName(), expected.secretVersion()};
        for (int i = 0; i < names.length; i++) {
            if (!Objects.equals(got[i], want[i])) {
                return "got " + names[i] + " " + RetrieveSecretsCheck.quote(got[i]) + ", expected "
                        + RetrieveSecretsCheck.quote(want[i]) + ": ";
            }
        }
        return "";
    }

    private static Setting resolve(Learner learner, String name, String value, Map<String, SecretClient> vaults) {
        return learner.call("resolve", name, value, vaults);
    }

    private static LearnerObject appSettings(Learner learner, Map<String, String> settings,
            Map<String, SecretClient> vaults) {
        return learner.create(AppSettings.class, settings, vaults);
    }

    private static List<SettingRow> refresh(LearnerObject app) {
        List<SettingRow> rows = app.call("refresh");
        unless(rows != null, () -> "region " + REFRESH + ": refresh() returned null, expected a row per setting");
        return rows;
    }

    // --- task 1: the syntax ---

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("parses the three forms of a reference: SecretUri versionless or pinned, and VaultName;SecretName")
    @Check(task = 1, region = PARSE, hint = "task 1 lists the forms: the SecretUri's path is /secrets/<name>/ with an "
            + "optional version after it, and the trailing slash is optional; VaultName=...;SecretName=... may add "
            + "SecretVersion. An absent version is null, not an empty string")
    void parsesEveryForm(Learner learner, CheckVault vault, Random random) {
        Target vaultTarget = Target.of(vault.client());
        String name = TestData.name(random, "ref");
        String version = unknownVersion(random);
        String base = PREFIX + "SecretUri=" + vaultTarget.url() + "/secrets/" + name;
        Map<String, Reference> cases = new LinkedHashMap<>();
        cases.put(base + "/)", new Reference(null, vaultTarget.authority(), name, null));
        cases.put(base + ")", new Reference(null, vaultTarget.authority(), name, null));
        cases.put(base + "/" + version + ")", new Reference(null, vaultTarget.authority(), name, version));
        cases.put(base + "/" + version + "/)", new Reference(null, vaultTarget.authority(), name, version));
        cases.put(PREFIX + "SecretUri=https://myvault.vault.azure.net/secrets/" + name + "/)",
                new Reference(null, "myvault.vault.azure.net", name, null));
        cases.put(PREFIX + "VaultName=myvault;SecretName=" + name + ")", new Reference("myvault", null, name, null));
        cases.put(PREFIX + "VaultName=" + vaultTarget.name() + ";SecretName=" + name + ";SecretVersion=" + version + ")",
                new Reference(vaultTarget.name(), null, name, version));
        List<Map.Entry<String, Reference>> order = new ArrayList<>(cases.entrySet());
        Collections.shuffle(order, random);
        for (Map.Entry<String, Reference> c : order) {
            Reference seen = parse(learner, c.getKey());
            unless(c.getValue().equals(seen), () -> "region " + PARSE + ": parse(" + quote(c.getKey()) + ") "
                    + firstDifference(seen, c.getValue()) + "returned " + seen + ", expected " + c.getValue());
        }
    }

    /** References App Service refuses as InvalidSyntax, each with why; drawn at random by the checks. */
    static List<String[]> malformed(Target vault, Random random) {
        String n = TestData.name(random, "ref");
        String v = unknownVersion(random);
        String u = vault.url();
        List<String[]> all = new ArrayList<>(List.of(
                new String[] {PREFIX + "SecretUri=" + u + "/secrets/" + n + "/", "no closing parenthesis"},
                new String[] {PREFIX + "SecretUri=" + u + "/secrets/" + n + "/) ", "text after the closing parenthesis"},
                new String[] {PREFIX + ")", "nothing between the parentheses"},
                new String[] {PREFIX + "SecretUri=)", "an empty SecretUri"},
                new String[] {PREFIX + "SecretUri=" + u.replaceFirst("^https", "http") + "/secrets/" + n + "/)",
                        "a SecretUri that is not https"},
                new String[] {PREFIX + "SecretUri=" + u + "/keys/" + n + "/)", "a key's URI, not a secret's"},
                new String[] {PREFIX + "SecretUri=" + u + "/secrets/)", "a SecretUri without a secret name"},
                new String[] {PREFIX + "SecretUri=" + u + "/secrets/" + n + "/" + v + "/more)",
                        "a SecretUri path longer than /secrets/<name>/<version>"},
                new String[] {PREFIX + "SecretUri=" + u + "/secrets/" + n + " /)", "a SecretUri that is not a URI"},
                new String[] {PREFIX + "VaultName=" + vault.name() + ")", "VaultName without SecretName"},
                new String[] {PREFIX + "SecretName=" + n + ")", "SecretName without VaultName"},
                new String[] {PREFIX + "VaultName=" + vault.name() + ";SecretName=)", "an empty SecretName"},
                new String[] {PREFIX + "VaultName=" + vault.name() + ";SecretName=" + n + ";Color=blue)",
                        "an unknown part (Color)"},
                new String[] {PREFIX + "VaultName " + vault.name() + ";SecretName " + n + ")", "parts without '='"},
                new String[] {PREFIX + "SecretUri=" + u + "/secrets/" + n + "/;VaultName=" + vault.name() + ")",
                        "SecretUri mixed with VaultName"}));
        Collections.shuffle(all, random);
        return all;
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("refuses malformed references (returns null) without throwing")
    @Check(task = 1, region = PARSE, hint = "task 1: a reference is the prefix, key=value parts separated by ';', and "
            + "a closing parenthesis that ends the setting; which parts may appear together, and what must a "
            + "SecretUri's scheme and path be?")
    void refusesMalformed(Learner learner, CheckVault vault, Random random) {
        for (String[] bad : malformed(Target.of(vault.client()), random)) {
            Reference seen = parse(learner, bad[0]);
            unless(seen == null, () -> "region " + PARSE + ": parse(" + quote(bad[0]) + ") returned " + seen
                    + ", expected null: the reference has " + bad[1] + " (App Service: InvalidSyntax)");
        }
    }

    // --- task 2: resolving with statuses ---

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("resolves versionless references to the latest value and pinned ones to their version")
    @Check(task = 2, region = RESOLVE, hint = "task 2: getSecret(name) reads the latest version, getSecret(name, "
            + "version) the one pinned; the client comes from the vaults map, by name or by the SecretUri's host")
    void resolvesLatestAndPinned(Learner learner, CheckVault vault, Random random) {
        Target t = Target.of(vault.client());
        Rotated s = rotated(vault, random, "resolved");
        Map<String, SecretClient> vaults = Map.of(t.name(), vault.client());
        vault.requests().clear();
        record Case(String setting, String value, String version, String what) {}
        List<Case> cases = new ArrayList<>(List.of(
                new Case(t.uri(s.name(), null), s.newValue(), s.newVersion(), "a versionless SecretUri"),
                new Case(t.uri(s.name(), s.oldVersion()), s.oldValue(), s.oldVersion(), "a SecretUri pinned to the older version"),
                new Case(t.byName(s.name(), null), s.newValue(), s.newVersion(), "VaultName;SecretName"),
                new Case(t.byName(s.name(), s.oldVersion()), s.oldValue(), s.oldVersion(),
                        "VaultName;SecretName;SecretVersion of the older version")));
        Collections.shuffle(cases, random);
        for (Case c : cases) {
            String key = "SETTING_" + random.nextInt(1000);
            Setting seen = resolve(learner, key, c.setting(), vaults);
            unless(seen != null && key.equals(seen.name()), () -> "region " + RESOLVE + " returned "
                    + (seen == null ? "null" : "a Setting named " + quote(seen.name())) + " for setting " + key
                    + ", expected a Setting named " + key);
            unless(seen.status() == ResolveStatus.Resolved, () -> "region " + RESOLVE + ": " + c.what() + " "
                    + quote(c.setting()) + " got status " + seen.status() + ", expected Resolved");
            unless(c.value().equals(seen.value()), () -> "region " + RESOLVE + ": " + c.what() + " resolved to "
                    + (seen.value() == null ? "null" : quote(Mask.value(seen.value()))) + ", expected " + (c.version().equals(s.newVersion())
                    ? "the latest version's value " : "the pinned version's value ") + quote(Mask.value(c.value()))
                    + " (the app gets the whole value; only the settings page masks it)");
            unless(c.version().equals(seen.secretVersion()), () -> "region " + RESOLVE + ": " + c.what()
                    + " reports secretVersion " + quote(seen.secretVersion()) + ", expected the version read, "
                    + c.version());
        }
        int reads = vault.requests().readsOf(s.name()).size();
        unless(reads == 4, () -> "region " + RESOLVE + " read the secret " + times(reads) + " for 4 references, "
                + "expected once each");
        Setting plain = resolve(learner, "APP_NAME", "kvlab-" + TestData.name(random, "app"), vaults);
        unless(plain != null && plain.status() == null && plain.value() != null && plain.value().startsWith("kvlab-"),
                () -> "region " + RESOLVE + ": a plain setting came back as " + plain + ", expected its value as "
                        + "written and status null (only references get a status)");
    }

    @Order(4)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("keeps the literal reference and gives App Service's status when it cannot resolve")
    @Check(task = 2, region = RESOLVE, hint = "task 2's table: which failures need no vault call at all (syntax, an "
            + "unknown vault), and which exception of getSecret means which status? The value stays the setting "
            + "exactly as written")
    void statusesForFailures(Learner learner, CheckVault vault, Random random) {
        Target t = Target.of(vault.client());
        Rotated s = rotated(vault, random, "status");
        String missing = vault.name(TestData.name(random, "missing"));
        String otherVault = "other" + Integer.toHexString(0x1000 + random.nextInt(0xefff));
        Map<String, SecretClient> vaults = Map.of(t.name(), vault.client());
        String[] bad = malformed(t, random).get(0);
        record Case(String setting, ResolveStatus status, boolean vaultCall, String what) {}
        List<Case> cases = new ArrayList<>(List.of(
                new Case(t.uri(missing, null), ResolveStatus.SecretNotFound, true, "a secret the vault does not hold"),
                new Case(t.byName(missing, null), ResolveStatus.SecretNotFound, true,
                        "a secret the vault does not hold (by VaultName)"),
                new Case(t.uri(s.name(), unknownVersion(random)), ResolveStatus.SecretVersionNotFound, true,
                        "a version the secret does not have"),
                new Case(PREFIX + "VaultName=" + otherVault + ";SecretName=" + s.name() + ")",
                        ResolveStatus.VaultNotFound, false, "a vault the app has no client for"),
                new Case(PREFIX + "SecretUri=https://" + t.name() + ".vault.example.invalid/secrets/" + s.name() + "/)",
                        ResolveStatus.VaultNotFound, false, "a SecretUri on another host than the vault's"),
                new Case(bad[0], ResolveStatus.InvalidSyntax, false, "a reference with " + bad[1])));
        Collections.shuffle(cases, random);
        for (Case c : cases) {
            vault.requests().clear();
            Setting seen = resolve(learner, "SETTING", c.setting(), vaults);
            unless(seen != null && seen.status() == c.status(), () -> "region " + RESOLVE + ": " + c.what() + " "
                    + quote(c.setting()) + " got status " + (seen == null ? "(no Setting)" : seen.status())
                    + ", expected " + c.status());
            unless(c.setting().equals(seen.value()), () -> "region " + RESOLVE + ": " + c.what() + " left the value "
                    + quote(seen.value()) + ", expected the literal reference string " + quote(c.setting())
                    + " (App Service shows the reference as written when it cannot resolve it)");
            unless(seen.secretVersion() == null, () -> "region " + RESOLVE + ": " + c.what() + " reports "
                    + "secretVersion " + quote(seen.secretVersion()) + ", expected null (nothing was read)");
            int calls = vault.requests().all().size();
            unless(c.vaultCall() || calls == 0, () -> "region " + RESOLVE + ": " + c.what() + " made " + calls
                    + " vault call(s), expected none: decide that from the setting and the vaults map alone");
        }
    }

    @Order(5)
    @DisplayName("shows the literal reference with AccessToKeyVaultDenied when the app's role is removed")
    @Check(task = 2, region = RESOLVE, hint = "the knowledge check: the app setting shows the literal reference "
            + "string when the managed identity lacks Key Vault Secrets User. Which status codes does the vault "
            + "answer a caller without a role, and which status does App Service show for them?")
    void roleRemovedShowsLiteral(Learner learner, CheckVault vault, LocalVault local, Random random) {
        Target t = Target.of(vault.client());
        Rotated s = rotated(vault, random, "denied");
        SecretClient app = vault.clientAs(APP);
        Map<String, SecretClient> vaults = Map.of(t.name(), app);
        String versionless = t.uri(s.name(), null);
        String pinned = t.byName(s.name(), s.oldVersion());
        Setting before = resolve(learner, "KEY", versionless, vaults);
        unless(before != null && before.status() == ResolveStatus.Resolved && s.newValue().equals(before.value()),
                () -> "region " + RESOLVE + ": the app's identity (Key Vault Secrets User) could not resolve "
                        + quote(versionless) + ": got " + (before == null ? null : before.status()));
        local.roles().revoke(APP, Role.SECRETS_USER, Scope.vault(t.name()));
        for (String reference : random.nextBoolean() ? List.of(versionless, pinned) : List.of(pinned, versionless)) {
            Setting seen = resolve(learner, "KEY", reference, vaults);
            unless(seen != null && seen.status() == ResolveStatus.AccessToKeyVaultDenied, () -> "region " + RESOLVE
                    + ": with the app's role removed (403 Forbidden), " + quote(reference) + " got status "
                    + (seen == null ? "(no Setting)" : seen.status()) + ", expected AccessToKeyVaultDenied");
            unless(reference.equals(seen.value()), () -> "region " + RESOLVE + ": with the app's role removed, the "
                    + "setting's value is " + (seen.value() != null && seen.value().contains(s.newValue().substring(0, 12))
                    ? "the secret's value" : quote(seen.value())) + ", expected the literal reference string "
                    + quote(reference));
        }
    }

    @Order(6)
    @DisplayName("gives OtherReasons when the vault keeps failing, without throwing")
    @Check(task = 2, region = RESOLVE, hint = "task 2's table: a failure that is neither 'not found' nor 'denied' "
            + "(the vault throttling or unavailable after the SDK's retries) is OtherReasons; a setting never throws")
    void otherReasons(Learner learner, CheckVault vault, LocalVault local, Random random) {
        Target t = Target.of(vault.client());
        Rotated s = rotated(vault, random, "throttled");
        String reference = random.nextBoolean() ? t.uri(s.name(), null) : t.byName(s.name(), null);
        local.faults().failNext(10, 429, "SecretGet"); // more than the SDK's retries: the vault keeps throttling
        try {
            Setting seen = resolve(learner, "KEY", reference, Map.of(t.name(), vault.client()));
            unless(seen != null && seen.status() == ResolveStatus.OtherReasons, () -> "region " + RESOLVE
                    + ": a vault answering 429 Throttled to every try gave status "
                    + (seen == null ? "(no Setting)" : seen.status()) + ", expected OtherReasons");
            unless(reference.equals(seen.value()), () -> "region " + RESOLVE + ": a reference the vault did not "
                    + "answer left the value " + quote(seen.value()) + ", expected the literal reference string");
        } finally {
            local.faults().clear();
        }
    }

    // --- task 3: refresh ---

    @Order(7)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("refresh picks up a rotation for versionless references, not for pinned ones")
    @Check(task = 3, region = REFRESH, hint = "task 3: each refresh resolves every setting again (no value kept "
            + "from an earlier refresh) and keeps the results for get")
    void refreshFollowsRotation(Learner learner, CheckVault vault, Random random) {
        Target t = Target.of(vault.client());
        Rotated s = rotated(vault, random, "rotating");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("LATEST", random.nextBoolean() ? t.uri(s.name(), null) : t.byName(s.name(), null));
        settings.put("PINNED", random.nextBoolean() ? t.uri(s.name(), s.newVersion()) : t.byName(s.name(), s.newVersion()));
        settings.put("MODE", "blue-green");
        LearnerObject app = appSettings(learner, settings, Map.of(t.name(), vault.client()));
        refresh(app);
        expect(app, "LATEST", s.newValue(), "before the rotation, the versionless reference");
        expect(app, "PINNED", s.newValue(), "the pinned reference");
        expect(app, "MODE", "blue-green", "the plain setting");
        for (int rotation = 1; rotation <= 2; rotation++) {
            String next = TestData.longValue(random);
            vault.put(s.name(), next, "text/plain", Map.of());
            vault.requests().clear();
            List<SettingRow> rows = refresh(app);
            int reads = vault.requests().readsOf(s.name()).size();
            unless(reads == 2, () -> "region " + REFRESH + " read the secret " + times(reads) + " in one refresh "
                    + "of 2 references, expected once each: resolve every setting again on each refresh");
            int n = rotation;
            expect(app, "LATEST", next, "after rotation " + n + " and a refresh, the versionless reference");
            expect(app, "PINNED", s.newValue(), "after rotation " + n + " and a refresh, the pinned reference");
            unless(rows.size() == 3, () -> "region " + REFRESH + ": refresh() returned " + rows.size()
                    + " rows for 3 settings");
            SettingRow latest = rows.get(0);
            unless(latest != null && "LATEST".equals(latest.name()) && Mask.value(next).equals(latest.value()),
                    () -> "region " + REFRESH + ": the first row is " + row(latest, next) + ", expected LATEST with "
                            + "the masked new value " + quote(Mask.value(next)) + " (rows in the settings' order)");
        }
    }

    private static void expect(LearnerObject app, String name, String value, String what) {
        String seen = app.call("get", name);
        unless(value.equals(seen), () -> "region " + REFRESH + ": " + what + " (" + name + ") is "
                + (seen == null ? "null" : quote(Mask.value(seen))) + ", expected " + quote(Mask.value(value)));
    }

    private static String row(SettingRow r, String value) {
        if (r == null) {
            return "null";
        }
        String v = r.value() != null && r.value().equals(value) ? "(the whole value)" : quote(r.value());
        return r.name() + " " + v + " " + r.status();
    }

    @Order(8)
    @DisplayName("refresh shows the literal reference while the app's role is removed, and the value once it is back")
    @Check(task = 3, region = REFRESH, hint = "task 3: the app's environment follows the last refresh: a reference "
            + "that failed shows its literal string, not the value an earlier refresh found")
    void refreshAfterRoleRemoved(Learner learner, CheckVault vault, LocalVault local, Random random) {
        Target t = Target.of(vault.client());
        Rotated s = rotated(vault, random, "revoked");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("LATEST", t.uri(s.name(), null));
        settings.put("PINNED", t.byName(s.name(), s.oldVersion()));
        LearnerObject app = appSettings(learner, settings, Map.of(t.name(), vault.clientAs(APP)));
        refresh(app);
        expect(app, "LATEST", s.newValue(), "with the app's role, the versionless reference");
        local.roles().revoke(APP, Role.SECRETS_USER, Scope.vault(t.name()));
        List<SettingRow> rows = refresh(app);
        for (String name : List.of("LATEST", "PINNED")) {
            String seen = app.call("get", name);
            unless(settings.get(name).equals(seen), () -> "region " + REFRESH + ": after the app's role was removed "
                    + "and a refresh, " + name + " is " + (seen == null ? "null" : seen.startsWith(PREFIX) ? quote(seen)
                    : "a value found earlier") + ", expected the literal reference " + quote(settings.get(name)));
            ResolveStatus status = app.call("status", name);
            unless(status == ResolveStatus.AccessToKeyVaultDenied, () -> "region " + REFRESH + ": after the app's "
                    + "role was removed, " + name + " has status " + status + ", expected AccessToKeyVaultDenied");
        }
        unless(rows.size() == 2 && rows.stream().allMatch(r -> r != null && settings.get(r.name()) != null
                && settings.get(r.name()).equals(r.value())), () -> "region " + REFRESH + ": the settings page after "
                + "the role was removed shows " + rows.stream().map(r -> r == null ? "null" : r.name() + " " + quote(
                settings.get(r.name()) != null && settings.get(r.name()).equals(r.value()) ? r.value() : "(not the reference)"))
                .toList() + ", expected each reference's literal string");
        local.roles().assign(APP, Role.SECRETS_USER, Scope.vault(t.name()));
        refresh(app);
        expect(app, "LATEST", s.newValue(), "once the role is back and after a refresh, the versionless reference");
        expect(app, "PINNED", s.oldValue(), "once the role is back and after a refresh, the pinned reference");
    }

    @Order(9)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("one bad setting does not stop the others; the settings page masks every resolved value")
    @Check(task = 3, region = REFRESH, hint = "task 3: a row per setting in the settings' order, from resolve; a "
            + "resolved value goes through Mask.value, a literal reference or a plain value is shown as it is")
    void mixedSettings(Learner learner, CheckVault vault, Random random) {
        Target t = Target.of(vault.client());
        Rotated a = rotated(vault, random, "mixed");
        Rotated b = rotated(vault, random, "mixed");
        String missing = vault.name(TestData.name(random, "gone"));
        record Expected(String setting, ResolveStatus status, String value) {}
        List<Map.Entry<String, Expected>> cases = new ArrayList<>(List.of(
                Map.entry("A_LATEST", new Expected(t.uri(a.name(), null), ResolveStatus.Resolved, a.newValue())),
                Map.entry("B_PINNED", new Expected(t.byName(b.name(), b.oldVersion()), ResolveStatus.Resolved, b.oldValue())),
                Map.entry("MISSING", new Expected(t.uri(missing, null), ResolveStatus.SecretNotFound, null)),
                Map.entry("BROKEN", new Expected(malformed(t, random).get(0)[0], ResolveStatus.InvalidSyntax, null)),
                Map.entry("ELSEWHERE", new Expected(PREFIX + "VaultName=elsewhere" + random.nextInt(1000)
                        + ";SecretName=" + a.name() + ")", ResolveStatus.VaultNotFound, null)),
                Map.entry("REGION", new Expected("westeurope", null, null)),
                Map.entry("EMPTY", new Expected("", null, null))));
        Collections.shuffle(cases, random);
        Map<String, String> settings = new LinkedHashMap<>();
        cases.forEach(c -> settings.put(c.getKey(), c.getValue().setting()));
        LearnerObject app = appSettings(learner, settings, Map.of(t.name(), vault.client()));
        List<SettingRow> rows = refresh(app);
        List<String> names = rows.stream().map(r -> r == null ? null : r.name()).toList();
        unless(names.equals(new ArrayList<>(settings.keySet())), () -> "region " + REFRESH + ": the settings page "
                + "lists " + names + ", expected every setting in the settings' order " + settings.keySet());
        for (int i = 0; i < rows.size(); i++) {
            SettingRow r = rows.get(i);
            Expected e = cases.get(i).getValue();
            String whole = e.value() != null ? e.value() : e.setting();
            String shown = e.status() == ResolveStatus.Resolved ? Mask.value(e.value()) : e.setting();
            unless(r.status() == e.status(), () -> "region " + REFRESH + ": " + r.name() + " = " + quote(e.setting())
                    + " has status " + r.status() + " on the settings page, expected " + e.status());
            unless(Objects.equals(shown, r.value()), () -> "region " + REFRESH + ": " + r.name() + " is shown as "
                    + (whole.equals(r.value()) && e.status() == ResolveStatus.Resolved ? "the whole secret value"
                    : quote(r.value())) + ", expected " + quote(shown) + (e.status() == ResolveStatus.Resolved
                    ? " (Mask.value of the resolved value)" : " (as written)"));
            String seen = app.call("get", r.name());
            unless(whole.equals(seen), () -> "region " + REFRESH + ": get(\"" + r.name() + "\") returned "
                    + (seen == null ? "null" : quote(Mask.value(seen))) + ", expected "
                    + quote(Mask.value(whole)) + " (the app's environment holds whole values)");
        }
    }
}
