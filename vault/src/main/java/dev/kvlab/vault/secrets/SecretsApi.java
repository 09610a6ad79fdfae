package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.vault.Caller;
import dev.kvlab.vault.RoleAssignments;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Key Vault secrets REST API: the routes, and one small method per operation that reads like its REST
 * documentation. Authentication, throttling, faults and the audit record happen around it, in VaultService.
 */
public final class SecretsApi {

    private static final String SECRETS = "Microsoft.KeyVault/vaults/secrets/";
    private static final String DELETED = "Microsoft.KeyVault/vaults/deletedSecrets/";

    /** method, path, Azure's operation name (audit log), the RBAC data action it needs, and the operation. */
    private final List<Route> routes = List.of(
            Route.of("GET", "/secrets", "SecretList", SECRETS + "readMetadata/action", this::listSecrets),
            Route.of("GET", "/secrets/", "SecretList", SECRETS + "readMetadata/action", this::listSecrets),
            Route.of("PUT", "/secrets/{name}", "SecretSet", SECRETS + "setSecret/action", this::setSecret),
            Route.of("GET", "/secrets/{name}", "SecretGet", SECRETS + "getSecret/action", this::getSecret),
            Route.of("DELETE", "/secrets/{name}", "SecretDelete", SECRETS + "delete", this::deleteSecret),
            Route.of("GET", "/secrets/{name}/{version}", "SecretGet", SECRETS + "getSecret/action", this::getSecret),
            Route.of("PATCH", "/secrets/{name}/{version}", "SecretUpdate", SECRETS + "update/action",
                    this::updateSecret),
            Route.of("GET", "/secrets/{name}/versions", "SecretListVersions", SECRETS + "readMetadata/action",
                    this::listVersions),
            Route.of("POST", "/secrets/{name}/backup", "SecretBackup", SECRETS + "backup/action", this::backupSecret),
            Route.of("POST", "/secrets/restore", "SecretRestore", SECRETS + "restore/action", this::restoreSecret),
            Route.of("GET", "/deletedsecrets", "SecretListDeleted", DELETED + "read", this::listDeleted),
            Route.of("GET", "/deletedsecrets/", "SecretListDeleted", DELETED + "read", this::listDeleted),
            Route.of("GET", "/deletedsecrets/{name}", "SecretGetDeleted", DELETED + "read", this::getDeleted),
            Route.of("DELETE", "/deletedsecrets/{name}", "SecretPurge", DELETED + "delete", this::purgeDeleted),
            Route.of("POST", "/deletedsecrets/{name}/recover", "SecretRecover", DELETED + "recover/action",
                    this::recoverDeleted));

    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoleAssignments roles;
    private final SecretStore store;
    private final BackupBlob backups;

    public SecretsApi(RoleAssignments roles, SecretStore store, BackupBlob backups) {
        this.roles = roles;
        this.store = store;
        this.backups = backups;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Operations

    /** PUT /secrets/{name}: a new version, enabled unless the body says otherwise. */
    private Reply setSecret(Call c) {
        SecretJson.Input in = SecretJson.input(c.request.body(), true);
        return write(c.vault, () -> {
            if (c.vault.deletedSecret(c.name) != null) {
                throw KeyVaultError.deletedButRecoverable(c.name);
            }
            Secret s = c.vault.secret(c.name);
            if (s == null) {
                s = new Secret(c.name);
            }
            SecretVersion v = new SecretVersion(newVersion(), in.value(), in.contentType(),
                    in.tags() == null ? Map.of() : in.tags(), in.enabled() == null || in.enabled(),
                    in.notBefore(), in.expires(), c.now, c.now);
            store.put(c.vault, s, v);
            s.put(v);
            c.vault.putSecret(s);
            return c.ok(SecretJson.bundle(c.baseUrl(), s, v, c.vault, c.api, true), s, v);
        });
    }

    /** GET /secrets/{name}/{version}: an empty version is the latest; a disabled version cannot be read. */
    private Reply getSecret(Call c) {
        return read(c.vault, () -> {
            Secret s = existing(c);
            SecretVersion v = versionOf(c, s);
            if (!v.enabled()) {
                throw new KeyVaultError(403, "Forbidden", "Operation get is not allowed on a disabled secret.",
                        "SecretDisabled", Map.of());
            }
            return c.ok(SecretJson.bundle(c.baseUrl(), s, v, c.vault, c.api, true), s, v);
        });
    }

    /** PATCH /secrets/{name}/{version}: changes content type, tags and attributes; the answer has no value. */
    private Reply updateSecret(Call c) {
        SecretJson.Input in = SecretJson.input(c.request.body(), false);
        return write(c.vault, () -> {
            Secret s = existing(c);
            SecretVersion old = versionOf(c, s);
            SecretVersion v = old.withProperties(
                    in.contentType() != null ? in.contentType() : old.contentType(),
                    in.tags() != null ? in.tags() : old.tags(),
                    in.enabled() != null ? in.enabled() : old.enabled(),
                    in.notBefore() != null ? in.notBefore() : old.notBefore(),
                    in.expires() != null ? in.expires() : old.expires(), c.now);
            store.put(c.vault, s, v);
            s.put(v);
            return c.ok(SecretJson.bundle(c.baseUrl(), s, v, c.vault, c.api, false), s, v);
        });
    }

    /** GET /secrets: the latest version's properties of each secret, ids without a version, never a value. */
    private Reply listSecrets(Call c) {
        int max = Paging.maxResults(c.query("maxresults"));
        return read(c.vault, () -> {
            Paging.Page<Secret> page = Paging.page(c.vault.secrets(), c.query("$skiptoken"), max);
            List<ObjectNode> items = new ArrayList<>();
            page.items().forEach(s -> items.add(SecretJson.item(c.baseUrl(), s, s.latest(), c.vault, c.api, false)));
            return c.ok(Paging.body(items, page.marker(), c.baseUrl() + "/secrets", c.api.text(), max));
        });
    }

    /** GET /secrets/{name}/versions: every version's properties, oldest first, versioned ids. */
    private Reply listVersions(Call c) {
        int max = Paging.maxResults(c.query("maxresults"));
        return read(c.vault, () -> {
            Secret s = c.vault.secret(c.name);
            if (s == null) { // Azure lists no versions of a name it does not hold, rather than a 404
                return c.ok(Paging.body(List.of(), null, c.baseUrl() + "/secrets/" + c.name + "/versions",
                        c.api.text(), max));
            }
            Paging.Page<SecretVersion> page = Paging.pageAt(s.versions(), c.query("$skiptoken"), max);
            List<ObjectNode> items = new ArrayList<>();
            page.items().forEach(v -> items.add(SecretJson.item(c.baseUrl(), s, v, c.vault, c.api, true)));
            return c.ok(Paging.body(items, page.marker(), c.baseUrl() + "/secrets/" + s.name() + "/versions",
                    c.api.text(), max));
        });
    }

    /** DELETE /secrets/{name}: soft delete; the deleted bundle comes back without its value. */
    private Reply deleteSecret(Call c) {
        return write(c.vault, () -> {
            Secret s = existing(c);
            DeletedSecret d = new DeletedSecret(s, c.now, c.now.plus(Duration.ofDays(c.vault.retentionDays())));
            store.delete(c.vault, d);
            c.vault.markDeleted(d);
            return c.ok(SecretJson.deletedBundle(c.baseUrl(), d, c.vault, c.api), s, s.latest());
        });
    }

    /** GET /deletedsecrets/{name}. */
    private Reply getDeleted(Call c) {
        return read(c.vault, () -> {
            DeletedSecret d = existingDeleted(c);
            return c.ok(SecretJson.deletedBundle(c.baseUrl(), d, c.vault, c.api), d.secret(), d.secret().latest());
        });
    }

    /** GET /deletedsecrets. */
    private Reply listDeleted(Call c) {
        int max = Paging.maxResults(c.query("maxresults"));
        return read(c.vault, () -> {
            Paging.Page<DeletedSecret> page = Paging.page(c.vault.deletedSecrets(), c.query("$skiptoken"),
                    max);
            List<ObjectNode> items = new ArrayList<>();
            page.items().forEach(d -> items.add(SecretJson.deletedItem(c.baseUrl(), d, c.vault, c.api)));
            return c.ok(Paging.body(items, page.marker(), c.baseUrl() + "/deletedsecrets", c.api.text(), max));
        });
    }

    /** POST /deletedsecrets/{name}/recover: back with every version; the answer has no value. */
    private Reply recoverDeleted(Call c) {
        return write(c.vault, () -> {
            DeletedSecret d = existingDeleted(c);
            store.recover(c.vault, d.secret().name());
            c.vault.recover(d.secret().name());
            Secret s = d.secret();
            return c.ok(SecretJson.bundle(c.baseUrl(), s, s.latest(), c.vault, c.api, false), s, s.latest());
        });
    }

    /** DELETE /deletedsecrets/{name}: gone for good (204), unless the vault has purge protection (403). */
    private Reply purgeDeleted(Call c) {
        return write(c.vault, () -> {
            DeletedSecret d = existingDeleted(c);
            if (c.vault.purgeProtection()) {
                throw new KeyVaultError(403, "Forbidden", "Operation \"purge\" is not allowed because purge "
                        + "protection is enabled for this vault. Key Vault service will automatically purge it after "
                        + "the retention period has passed.");
            }
            store.purge(c.vault, d.secret().name());
            c.vault.purge(d.secret().name());
            return new Reply(204, null, c.baseUrl() + "/deletedsecrets/" + d.secret().name());
        });
    }

    /** POST /secrets/{name}/backup: every version in one opaque blob. */
    private Reply backupSecret(Call c) {
        return read(c.vault, () -> {
            Secret s = existing(c);
            if (s.versionCount() > BackupBlob.MAX_VERSIONS) {
                throw KeyVaultError.badParameter("Secret " + s.name() + " has " + s.versionCount() + " versions; "
                        + "a backup can hold at most " + BackupBlob.MAX_VERSIONS + ".");
            }
            ObjectNode body = SecretJson.MAPPER.createObjectNode().put("value", backups.seal(s));
            return c.ok(body, s, null);
        });
    }

    /** POST /secrets/restore: the blob's secret with all its versions; 409 if the name is in use. */
    private Reply restoreSecret(Call c) {
        JsonNode blob = SecretJson.object(c.request.body()).get("value");
        if (blob == null || !blob.isTextual()) {
            throw KeyVaultError.badParameter("The request is missing the backup blob (property value).");
        }
        Secret restored = backups.open(blob.textValue());
        return write(c.vault, () -> {
            if (c.vault.deletedSecret(restored.name()) != null) {
                throw KeyVaultError.deletedButRecoverable(restored.name());
            }
            if (c.vault.secret(restored.name()) != null) {
                throw new KeyVaultError(409, "Conflict", "Secret " + restored.name() + " already exists: restore "
                        + "only creates a secret whose name is unused.");
            }
            store.restore(c.vault, restored);
            c.vault.putSecret(restored);
            return c.ok(SecretJson.bundle(c.baseUrl(), restored, restored.latest(), c.vault, c.api, false),
                    restored, restored.latest());
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lookups shared by the operations

    private static Secret existing(Call c) {
        Secret s = c.vault.secret(c.name);
        if (s == null) {
            throw KeyVaultError.secretNotFound(c.name);
        }
        return s;
    }

    private static SecretVersion versionOf(Call c, Secret s) {
        if (c.version == null || c.version.isEmpty()) {
            return s.latest();
        }
        SecretVersion v = s.version(c.version.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw KeyVaultError.secretNotFound(c.name + "/" + c.version);
        }
        return v;
    }

    private static DeletedSecret existingDeleted(Call c) {
        DeletedSecret d = c.vault.deletedSecret(c.name);
        if (d == null) {
            throw KeyVaultError.deletedSecretNotFound(c.name);
        }
        return d;
    }

    /** 32 lowercase hex characters, like Azure's version ids. */
    static String newVersion() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder hex = new StringBuilder(32);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    private static Reply read(Vault vault, Supplier<Reply> operation) {
        return locked(vault.lock.readLock(), operation);
    }

    private static Reply write(Vault vault, Supplier<Reply> operation) {
        return locked(vault.lock.writeLock(), operation);
    }

    private static Reply locked(Lock lock, Supplier<Reply> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Routing, authorization and housekeeping

    /** The route a request's path and method select, or why there is none (404 / 405). */
    public record Match(Route route, String name, String version, KeyVaultError error) {
        public String operation() {
            return route == null ? "Unknown" : route.operation();
        }

        public boolean isCreate() {
            return route != null
                    && (route.operation().equals("SecretSet") || route.operation().equals("SecretRestore"));
        }
    }

    public Match match(String method, String path) {
        String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        Set<String> allowed = new LinkedHashSet<>();
        Match best = null;
        int bestLiterals = -1;
        for (Route r : routes) {
            String[] found = r.bind(segments);
            if (found != null) {
                allowed.add(r.method());
                // a literal segment beats a name: GET /secrets/x/versions lists versions, it does not get one
                int literals = r.literals();
                if (r.method().equals(method) && literals > bestLiterals) {
                    best = new Match(r, found[0], found[1], null);
                    bestLiterals = literals;
                }
            }
        }
        if (best != null) {
            return best;
        }
        if (allowed.isEmpty()) {
            return new Match(null, null, null, new KeyVaultError(404, "NotFound",
                    "The requested resource " + path + " was not found in this key vault."));
        }
        return new Match(null, null, null, new KeyVaultError(405, "MethodNotAllowed",
                "The requested resource does not support http method '" + method + "'.", null,
                Map.of("Allow", String.join(", ", allowed))));
    }

    /** Runs a matched request for an authenticated caller: name check, RBAC, then the operation. */
    public Reply invoke(Match m, Call c) {
        if (m.name() != null && !NAME.matcher(m.name()).matches()) {
            throw KeyVaultError.badParameter("The request URI contains an invalid name: " + m.name()
                    + ". Names are 1-127 characters of 0-9, a-z, A-Z and -.");
        }
        String principal = ((Caller.Authenticated) c.request.caller()).principal();
        if (!roles.allows(principal, m.route().action(), c.vault.name(), m.name())) {
            throw forbidden(principal, m.route().action(), c);
        }
        return m.route().handler().run(c);
    }

    private static KeyVaultError forbidden(String principal, String action, Call c) {
        String resource = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/kvlab/providers/"
                + "microsoft.keyvault/vaults/" + c.vault.name() + (c.name == null ? "" : "/secrets/" + c.name);
        String message = "Caller is not authorized to perform action on resource.\r\n"
                + "If role assignments, deny assignments or role definitions were changed recently, please observe "
                + "propagation time.\r\n"
                + "Caller: name=" + principal + "\r\n"
                + "Action: '" + action + "'\r\n"
                + "Resource: '" + resource + "'\r\n"
                + "Assignment: (not found)\r\n"
                + "DenyAssignmentId: null\r\n"
                + "DecisionReason: null \r\n"
                + "Vault: " + c.vault.name() + ";location=local\r\n";
        return new KeyVaultError(403, "Forbidden", message, "ForbiddenByRbac", Map.of());
    }

    /** Purges soft-deleted secrets whose scheduled purge date the clock has passed (checked on every request). */
    public void purgeExpired(Vault vault, Instant now) {
        if (!vault.purgeDue(now)) {
            return;
        }
        vault.lock.writeLock().lock();
        try {
            for (String name : vault.purgeExpired(now)) {
                store.purge(vault, name);
            }
        } finally {
            vault.lock.writeLock().unlock();
        }
    }

    /** Empties every vault (reset). */
    public void clear(Iterable<Vault> vaults) {
        for (Vault vault : vaults) {
            vault.lock.writeLock().lock();
            try {
                vault.clear();
            } finally {
                vault.lock.writeLock().unlock();
            }
        }
    }

    /** Stores a seeded secret (setup, reset). */
    public void seed(Vault vault, String name, String value, String contentType, Map<String, String> tags,
                     Instant expires, Instant now) {
        vault.lock.writeLock().lock();
        try {
            Secret s = new Secret(name);
            SecretVersion v = new SecretVersion(newVersion(), value, contentType, tags, true, null, expires, now, now);
            s.put(v);
            vault.putSecret(s);
        } finally {
            vault.lock.writeLock().unlock();
        }
    }
}
