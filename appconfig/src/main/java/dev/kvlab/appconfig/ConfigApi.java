package dev.kvlab.appconfig;

import dev.kvlab.vault.Caller;
import dev.kvlab.vault.VaultClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * App Configuration's data plane: every request in, one response and one audit event out. Order: authentication
 * (401, or 403 for a signed-in principal without a data role), route (404/405), api-version (400), a write by a
 * reader or read-only key (403), Sync-Token (400), operation.
 */
final class ConfigApi {
    /** The audience of Entra tokens for App Configuration, whatever the store's host name. */
    static final String RESOURCE = "https://azconfig.io";
    /** The audience azure-data-appconfiguration 1.8 asks for by default; Azure accepts both. */
    static final String RESOURCE_NEW = "https://appconfig.azure.com";
    static final Set<String> API_VERSIONS = Set.of("1.0", "2023-10-01", "2023-11-01", "2024-09-01");
    private static final String KV = "application/vnd.microsoft.appconfig.kv+json; charset=utf-8";
    private static final String KVSET = "application/vnd.microsoft.appconfig.kvset+json; charset=utf-8";
    private static final String LABELSET = "application/vnd.microsoft.appconfig.labelset+json; charset=utf-8";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ConfigStore store;
    private final DataRoles roles;
    private final Map<String, AccessKey> keys;
    private final Function<String, Caller> bearer;
    private final VaultClock clock;
    private final ConfigAuditLog audit;
    private final String syncTokenId;

    ConfigApi(ConfigStore store, DataRoles roles, List<AccessKey> keys, Function<String, Caller> bearer,
              VaultClock clock, ConfigAuditLog audit, String syncTokenId) {
        this.store = store;
        this.roles = roles;
        this.keys = new LinkedHashMap<>();
        keys.forEach(key -> this.keys.put(key.id(), key));
        this.bearer = bearer;
        this.clock = clock;
        this.audit = audit;
        this.syncTokenId = syncTokenId;
    }

    /** Who is calling (as the audit log names them) and whether they may change things. */
    private record Principal(String name, boolean mayWrite) {
    }

    /** The caller, or the 401/403 that refuses them. */
    private record Authentication(Principal principal, ConfigResponse refusal, String caller) {
        static Authentication refused(ConfigResponse refusal, String caller) {
            return new Authentication(null, refusal, caller);
        }
    }

    /** A route: the operation's name, whether it writes, and the key it names (null for lists). */
    private record Route(String operation, boolean writes, String key) {
    }

    ConfigResponse handle(ConfigRequest request) {
        Instant started = clock.now();
        long startNanos = System.nanoTime();
        String caller = "(anonymous)";
        String operation = "Unknown";
        String key = null;
        String label = null;
        ConfigResponse response;
        try {
            Authentication authentication = authenticate(request);
            caller = authentication.caller();
            if (authentication.refusal() != null) {
                response = authentication.refusal();
            } else {
                Principal principal = authentication.principal();
                Query query = Query.parse(request.rawQuery());
                Route route = route(request.method(), request.rawPath());
                operation = route.operation();
                key = route.key();
                checkApiVersion(query.get("api-version"));
                label = labelOf(query);
                if (route.writes() && !principal.mayWrite()) {
                    throw Problem.forbidden("The caller " + principal.name() + " may only read this store"
                            + " (needs App Configuration Data Owner, or a read-write access key).");
                }
                checkSyncToken(request.header().apply("Sync-Token"));
                response = operate(route, request, query, label);
            }
        } catch (Problem problem) {
            response = problem(problem);
        }
        if (response.status() < 400) {
            response.headers().put("Sync-Token", syncToken());
        }
        String clientRequestId = request.header().apply("x-ms-client-request-id");
        if (clientRequestId != null && clientRequestId.length() <= 256) {
            response.headers().put("x-ms-client-request-id", clientRequestId);
        }
        response.headers().put("x-ms-request-id", UUID.randomUUID().toString());
        audit.record(new ConfigEvent(started, operation, caller, response.status(), key, label,
                Text.safe(request.pathAndQuery()), Duration.ofNanos(System.nanoTime() - startNanos)));
        return response;
    }

    private static Route route(String method, String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/kv") || path.equals("/labels") || path.equals("/revisions")) {
            if (!read) {
                throw Problem.methodNotAllowed(method, path);
            }
            return new Route(switch (path) {
                case "/kv" -> "GetKeyValues";
                case "/labels" -> "GetLabels";
                default -> "GetRevisions";
            }, false, null);
        }
        for (String prefix : new String[] {"/kv/", "/locks/"}) {
            if (path.startsWith(prefix) && path.length() > prefix.length()) {
                String key = Query.decodePath(path.substring(prefix.length()));
                boolean locks = prefix.equals("/locks/");
                return switch (method) {
                    case "GET", "HEAD" -> {
                        if (locks) {
                            throw Problem.methodNotAllowed(method, prefix);
                        }
                        yield new Route("GetKeyValue", false, key);
                    }
                    case "PUT" -> new Route(locks ? "PutLock" : "PutKeyValue", true, key);
                    case "DELETE" -> new Route(locks ? "DeleteLock" : "DeleteKeyValue", true, key);
                    default -> throw Problem.methodNotAllowed(method, prefix);
                };
            }
        }
        throw Problem.notFound("There is no App Configuration resource at " + Text.safe(rawPath) + ".");
    }

    private ConfigResponse operate(Route route, ConfigRequest request, Query query, String label) {
        Conditions conditions = new Conditions(request.header().apply("If-Match"), request.header().apply("If-None-Match"));
        Set<String> fields = select(query);
        return switch (route.operation()) {
            case "GetKeyValue" -> {
                Setting setting = store.get(validKey(route.key()), label);
                if (conditions.notModified(setting)) {
                    yield notModified(setting.etag());
                }
                if (setting == null) {
                    throw Problem.notFound("The key-value '" + Text.safe(route.key()) + "'"
                            + (label == null ? "" : " with label '" + Text.safe(label) + "'") + " does not exist.");
                }
                yield setting(200, setting, fields);
            }
            case "PutKeyValue" -> {
                checkContentType(request.header().apply("Content-Type"));
                SettingJson.Body body = SettingJson.parseBody(request.body());
                checkSize(route.key(), label, body);
                yield setting(200, store.set(validKey(route.key()), label, body.value(), body.contentType(),
                        body.tags(), conditions), null);
            }
            case "DeleteKeyValue" -> {
                Setting deleted = store.delete(validKey(route.key()), label, conditions);
                yield deleted == null ? response(204, null, null) : setting(200, deleted, null);
            }
            case "PutLock", "DeleteLock" -> {
                Setting changed = store.lock(validKey(route.key()), label, route.operation().equals("PutLock"),
                        conditions);
                if (changed == null) {
                    throw Problem.notFound("The key-value '" + Text.safe(route.key()) + "' does not exist.");
                }
                yield setting(200, changed, null);
            }
            case "GetKeyValues" -> {
                Filter keys = Filter.parse("key", query.get("key"));
                Filter labels = Filter.parse("label", query.get("label"));
                ConfigStore.Page<Setting> page = store.list(keys, labels, tags(query), query.get("After"));
                yield list(page, fields, query, "/kv", conditions);
            }
            case "GetRevisions" -> {
                ConfigStore.Page<Setting> page = store.revisions(Filter.parse("key", query.get("key")),
                        Filter.parse("label", query.get("label")), query.get("After"));
                yield list(page, fields, query, "/revisions", Conditions.NONE);
            }
            case "GetLabels" -> {
                String select = query.get("$Select");
                if (select != null && !select.isBlank() && !select.trim().equals("name")) {
                    throw Problem.invalidArgument("$select", "Labels have one field, name.");
                }
                ConfigStore.Page<String> page = store.labels(Filter.parse("name", query.get("name")), query.get("After"));
                String next = nextLink("/labels", query, page.after());
                ConfigResponse response = response(200, LABELSET, SettingJson.labels(page.items(), next));
                if (next != null) {
                    response.headers().put("Link", "<" + next + ">; rel=\"next\"");
                }
                yield response;
            }
            default -> throw new IllegalStateException(route.operation());
        };
    }

    private ConfigResponse list(ConfigStore.Page<Setting> page, Set<String> fields, Query query, String path,
                                Conditions conditions) {
        String next = nextLink(path, query, page.after());
        String etag = pageEtag(page.items());
        ConfigResponse response = conditions.notModified(etag) ? notModified(etag)
                : response(200, KVSET, SettingJson.list(page.items(), fields, next, etag));
        response.headers().put("ETag", "\"" + etag + "\"");
        if (next != null) {
            // the SDK follows Link, also on a 304 (a list page that did not change still leads to the next one)
            response.headers().put("Link", "<" + next + ">; rel=\"next\"");
        }
        return response;
    }

    /** The relative link of the next page: the same query with {@code After} set. */
    private static String nextLink(String path, Query query, String after) {
        if (after == null) {
            return null;
        }
        StringBuilder link = new StringBuilder(path).append("?api-version=").append(encode(query.get("api-version")));
        for (String name : new String[] {"key", "label", "name", "$Select"}) {
            String value = query.get(name);
            if (value != null) {
                link.append('&').append(name).append('=').append(encode(value));
            }
        }
        for (String tag : query.all("tags")) {
            link.append("&tags=").append(encode(tag));
        }
        return link.append("&after=").append(after).toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pageEtag(List<Setting> items) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Setting item : items) {
                digest.update(item.etag().getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ';');
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- authentication ----

    /**
     * Whether a request with this {@code Authorization} header may have its body read: an HMAC signature covers the
     * body's hash, so it needs the body to be checked; a bearer token is checked now, and only a principal with a data
     * role gets to upload. Everyone else gets their 401/403 from the headers alone.
     */
    boolean readsBodyFor(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        if (authorization.regionMatches(true, 0, HmacAuthentication.SCHEME, 0, HmacAuthentication.SCHEME.length())) {
            return true;
        }
        return bearer.apply(authorization) instanceof Caller.Authenticated authenticated
                && roles.roleOf(authenticated.principal()) != null;
    }

    private Authentication authenticate(ConfigRequest request) {
        String authorization = request.header().apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Authentication.refused(unauthorized(null), "(anonymous)");
        }
        if (authorization.regionMatches(true, 0, HmacAuthentication.SCHEME, 0, HmacAuthentication.SCHEME.length())) {
            HmacAuthentication.Result result = HmacAuthentication.verify(authorization, request.method(),
                    request.pathAndQuery(), request.body(), request.header(), keys::get, clock.now());
            if (result.key() == null) {
                return Authentication.refused(unauthorized("HMAC-SHA256 error=\"invalid_token\" error_description=\""
                        + result.refusal() + "\", Bearer"), "(rejected: " + result.refusal() + ")");
            }
            String name = "hmac:" + result.key().id();
            return new Authentication(new Principal(name, !result.key().readOnly()), null, name);
        }
        Caller caller = bearer.apply(authorization);
        if (caller instanceof Caller.Authenticated authenticated) {
            DataRole role = roles.roleOf(authenticated.principal());
            if (role == null) {
                ConfigResponse refusal = problem(Problem.forbidden("The caller " + authenticated.principal()
                        + " has no App Configuration data role on this store (needs App Configuration Data Reader"
                        + " or Data Owner)."));
                return Authentication.refused(refusal, authenticated.principal());
            }
            return new Authentication(new Principal(authenticated.principal(), role.allowsWrites()), null,
                    authenticated.principal());
        }
        String reason = caller instanceof Caller.Rejected rejected ? rejected.reason() : "MalformedToken";
        String description = switch (reason) {
            case "TokenExpired" -> "The access token has expired";
            case "InvalidAudience" -> "The access token audience is not " + RESOURCE + " or " + RESOURCE_NEW;
            case "TokenNotYetValid" -> "The access token is not yet valid";
            default -> "The access token is invalid";
        };
        return Authentication.refused(unauthorized("HMAC-SHA256, Bearer error=\"invalid_token\", error_description=\""
                + description + "\""), "(rejected: " + reason + ")");
    }

    private static ConfigResponse unauthorized(String challenge) {
        ConfigResponse response = response(401, null, null);
        response.headers().put("WWW-Authenticate", challenge == null ? "HMAC-SHA256, Bearer" : challenge);
        return response;
    }

    // ---- parameters ----

    private static void checkApiVersion(String version) {
        if (version == null || version.isEmpty()) {
            throw Problem.invalidArgument("api-version", "The api-version query parameter is required; this store"
                    + " supports " + String.join(", ", API_VERSIONS.stream().sorted().toList()) + ".");
        }
        if (!API_VERSIONS.contains(version)) {
            throw Problem.invalidArgument("api-version", "The api-version '" + Text.safe(version)
                    + "' is not supported; use one of " + String.join(", ", API_VERSIONS.stream().sorted().toList()) + ".");
        }
    }

    /** The {@code label} of a single key-value: absent or {@code \0} = no label. */
    private static String labelOf(Query query) {
        String label = query.get("label");
        if (label == null || label.equals("\0")) {
            return null;
        }
        return label;
    }

    private static String validKey(String key) {
        if (key.isEmpty() || key.equals(".") || key.equals("..") || key.indexOf('%') >= 0 || key.indexOf('\0') >= 0) {
            throw Problem.invalidArgument("key", "The key '" + Text.safe(key) + "' is not valid: a key is not empty,"
                    + " not '.' or '..', and has no '%'.");
        }
        return key;
    }

    private static void checkSize(String key, String label, SettingJson.Body body) {
        if (label != null && (label.indexOf('%') >= 0 || label.indexOf('\0') >= 0)) {
            throw Problem.invalidArgument("label", "A label may not contain '%'.");
        }
        long size = utf8(key) + utf8(label) + utf8(body.value()) + utf8(body.contentType());
        for (Map.Entry<String, String> tag : body.tags().entrySet()) {
            size += utf8(tag.getKey()) + utf8(tag.getValue());
        }
        if (size > ConfigStore.MAX_SETTING_BYTES) {
            throw Problem.tooLarge("A key-value (key, label, value, content type and tags) may hold at most "
                    + ConfigStore.MAX_SETTING_BYTES + " bytes; this one has " + size + ".");
        }
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw Problem.unsupportedMediaType(contentType);
        }
    }

    /** {@code $select}: the fields to return (null = all). */
    private static Set<String> select(Query query) {
        String select = query.get("$Select");
        if (select == null || select.isBlank()) {
            return null;
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String field : select.split(",")) {
            String name = field.trim().toLowerCase(Locale.ROOT);
            if (!SettingJson.FIELDS.contains(name)) {
                throw Problem.invalidArgument("$select", "$select(" + select.indexOf(field.trim()) + "): the field '"
                        + Text.safe(field.trim()) + "' is unknown; fields are " + String.join(", ", SettingJson.FIELDS)
                        + ".");
            }
            fields.add(name);
        }
        return fields;
    }

    private Map<String, String> tags(Query query) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> filters = query.all("tags");
        if (filters.size() > Filter.MAX_PARTS) {
            throw Problem.invalidArgument("tags", "At most " + Filter.MAX_PARTS + " tag filters.");
        }
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw Problem.invalidArgument("tags", "A tag filter is name=value.");
            }
            String value = filter.substring(eq + 1);
            tags.put(filter.substring(0, eq), value.equals("\0") ? null : value);
        }
        return tags;
    }

    /** A client's Sync-Token: {@code id=value} pairs, comma-separated (the store keeps no replicas to wait for). */
    private static void checkSyncToken(String header) {
        if (header == null || header.isEmpty()) {
            return;
        }
        for (String token : header.split(",")) {
            String[] parts = token.trim().split(";")[0].split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw Problem.invalidArgument("Sync-Token", "A Sync-Token is <id>=<value>[;sn=<number>], comma-separated.");
            }
        }
    }

    // ---- responses ----

    private ConfigResponse setting(int status, Setting setting, Set<String> fields) {
        ConfigResponse response = response(status, KV, SettingJson.settingBytes(setting, fields));
        response.headers().put("ETag", "\"" + setting.etag() + "\"");
        response.headers().put("Last-Modified", HTTP_DATE.format(setting.lastModified()));
        return response;
    }

    private static ConfigResponse notModified(String etag) {
        ConfigResponse response = response(304, null, null);
        response.headers().put("ETag", "\"" + etag + "\"");
        return response;
    }

    private ConfigResponse problem(Problem problem) {
        ConfigResponse response = response(problem.status, "application/problem+json; charset=utf-8",
                SettingJson.problem(problem));
        return response;
    }

    private static ConfigResponse response(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new ConfigResponse(status, headers, body);
    }

    /** {@code Sync-Token: <id>=<value>;sn=<sequence>} on every answer, as the SDK's SyncTokenPolicy reads it. */
    String syncToken() {
        long sequence = store.sequence();
        String value = java.util.Base64.getEncoder().encodeToString(("0:" + sequence).getBytes(StandardCharsets.US_ASCII));
        return syncTokenId + "=" + value + ";sn=" + sequence;
    }
}
