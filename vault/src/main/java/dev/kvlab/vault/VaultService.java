package dev.kvlab.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PLACEHOLDER until the secrets service of branch wip/vault-secrets lands (it replaces this file whole): just
 * enough of the data plane (challenge, set, get latest) for the HTTPS server's first round trip.
 */
public final class VaultService implements AutoCloseable {
    private static final Pattern SECRET = Pattern.compile("^/secrets/([0-9a-zA-Z-]+)/?$");
    private final List<String> vaults;
    private final VaultClock clock;
    private final Map<String, String> values = new ConcurrentHashMap<>();

    private VaultService(List<String> vaults, VaultClock clock) {
        this.vaults = vaults;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private List<String> vaults = List.of("kvlab");
        private VaultClock clock = VaultClock.system();
        private Seed seed = Seed.LAB;

        public Builder vaults(List<String> names) {
            this.vaults = List.copyOf(names);
            return this;
        }

        public Builder seed(Seed seed) {
            this.seed = seed;
            return this;
        }

        public Builder clock(VaultClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder dataDir(Path dir) {
            return this;
        }

        public VaultService build() {
            VaultService service = new VaultService(vaults, clock);
            if (seed == Seed.LAB) {
                service.values.put(vaults.get(0) + "/openai-api-key",
                        "sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq");
            }
            return service;
        }
    }

    public List<String> vaultNames() {
        return vaults;
    }

    public VaultClock clock() {
        return clock;
    }

    public VaultResponse handle(VaultRequest request) {
        if (!(request.caller() instanceof Caller.Authenticated)) {
            Map<String, String> headers = new HashMap<>();
            headers.put("WWW-Authenticate", "Bearer authorization=\"" + LocalAuthority.AUTHORIZATION
                    + "\", resource=\"" + LocalAuthority.RESOURCE + "\"");
            headers.put("Content-Type", "application/json; charset=utf-8");
            return new VaultResponse(401, headers,
                    "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000: Request is missing a Bearer or PoP token.\"}}"
                            .getBytes(StandardCharsets.UTF_8));
        }
        Matcher m = SECRET.matcher(request.path());
        if (!m.matches()) {
            return json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such path\"}}");
        }
        String key = request.vaultName() + "/" + m.group(1);
        if (request.method().equals("PUT")) {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            Matcher v = Pattern.compile("\"value\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
            values.put(key, v.find() ? v.group(1) : "");
        }
        String value = values.get(key);
        if (value == null) {
            return json(404, "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"not found\"}}");
        }
        long now = clock.now().getEpochSecond();
        return json(200, "{\"value\":\"" + value + "\",\"id\":\"" + request.baseUrl() + "/secrets/" + m.group(1)
                + "/0123456789abcdef0123456789abcdef\",\"attributes\":{\"enabled\":true,\"created\":" + now
                + ",\"updated\":" + now + ",\"recoverableDays\":90,\"recoveryLevel\":\"Recoverable+Purgeable\"}}");
    }

    private static VaultResponse json(int status, String json) {
        return new VaultResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    public void reset() {
    }

    @Override
    public void close() {
    }
}
