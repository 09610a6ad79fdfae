package dev.kvlab.runtime;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.data.appconfiguration.models.ConfigurationAudience;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the lab's programs get their {@link SecretClient}, and how they report failures.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Lab.run(args, () -> {
 *         SecretClient client = Lab.client();      // local vault, or KEY_VAULT_URL when it is set
 *         ...
 *     });
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code KEY_VAULT_URL} unset: an embedded {@link LocalVault}, started once per JVM, seeded with
 *       {@link Seed#LAB} and closed at exit; the client signs in as {@code lab-user} (Key Vault Secrets Officer).</li>
 *   <li>{@code KEY_VAULT_URL} set: that vault with {@code DefaultAzureCredential}, as any application would.
 *       When its host is {@code localhost}, {@code *.localhost} or a loopback address it is a local vault
 *       started with {@code ./jbang vault}: the client also routes {@code *.localhost} to loopback and trusts
 *       the CA certificate in {@code KVLAB_CA_CERT}, and {@code IDENTITY_ENDPOINT} must be set so the
 *       credential signs in through the vault's managed-identity endpoint instead of probing Azure.</li>
 * </ul>
 * {@link #configurationClient()} does the same for App Configuration: {@code APP_CONFIG_CONNECTION_STRING}, else
 * {@code APP_CONFIG_ENDPOINT} with {@code DefaultAzureCredential}, else the local store that runs inside the embedded
 * vault (its Key Vault references point at that vault).
 */
public final class Lab {
    /** The principal the lab signs in as by default; it holds Key Vault Secrets Officer on every local vault. */
    public static final String LAB_USER = "lab-user";

    /** The scope's resource App Configuration clients ask tokens for (what {@code az appconfig} uses too). */
    public static final String APP_CONFIG_AUDIENCE = "https://azconfig.io";

    /** The embedded vault and the App Configuration store inside it: one process, one port, one CA. */
    private static LocalAppConfig embedded;
    private static boolean closeHookAdded;
    private static volatile URI lastVaultUrl;

    private Lab() {
    }

    /** A client for this environment's vault (see the class comment). */
    public static SecretClient client() {
        return builder().buildClient();
    }

    /** Like {@link #client()}, with extra pipeline policies (for example one that records requests). */
    public static SecretClient client(HttpPipelinePolicy... policies) {
        return withPolicies(builder(), policies).buildClient();
    }

    /** The preconfigured builder behind {@link #client()}, to add policies, retry options and so on. */
    public static SecretClientBuilder builder() {
        return builder(System.getenv());
    }

    /**
     * The builder for {@code KEY_VAULT_URL} and {@code KVLAB_CA_CERT} as {@code environment} gives them (tests hand in
     * a map). The credential is always {@code DefaultAzureCredential} on this process's own environment: its managed
     * identity support reads {@code IDENTITY_ENDPOINT} straight from the process, so that is what is checked too.
     */
    static SecretClientBuilder builder(Map<String, String> environment) {
        return connection(environment).builder();
    }

    /**
     * Where a client goes and how it signs in: the vault, the credential, the HTTP client (null: the SDK's own) and
     * whether the sign-in challenge's resource must match the vault's host. The builders are made from it, and so
     * is the checks' relay, which signs the learner's requests in on the learner's behalf.
     */
    public record Connection(URI vaultUrl, TokenCredential credential, HttpClient httpClient,
            boolean verifyChallengeResource) {
        public SecretClientBuilder builder() {
            SecretClientBuilder builder = new SecretClientBuilder().vaultUrl(vaultUrl.toString()).credential(credential)
                    .addPolicy(SecretValues.policy());
            if (httpClient != null) {
                builder.httpClient(httpClient);
            }
            if (!verifyChallengeResource) {
                builder.disableChallengeResourceVerification();
            }
            return builder;
        }
    }

    /** The connection {@link #client()} uses in this environment. */
    public static Connection connection() {
        return connection(System.getenv());
    }

    static Connection connection(Map<String, String> environment) {
        String url = blankToNull(environment.get("KEY_VAULT_URL"));
        if (url == null) {
            LocalVault vault = localVault();
            return connection(vault, vault.url(), LAB_USER, null);
        }
        URI vaultUrl = vaultUrl(url);
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder();
        HttpClient http = null;
        boolean verify = true;
        if (LoopbackTransport.isLoopback(vaultUrl)) {
            // Without IDENTITY_ENDPOINT, DefaultAzureCredential would probe the instance metadata address and Entra ID.
            if (blankToNull(System.getenv("IDENTITY_ENDPOINT")) == null) {
                throw new LabException("KEY_VAULT_URL points at a local vault (" + vaultUrl.getHost() + ") but IDENTITY_ENDPOINT "
                        + "is not set. Source the env file ./jbang vault wrote, or unset KEY_VAULT_URL to use the embedded vault.");
            }
            http = LoopbackTransport.httpClient(caCertificate(environment.get("KVLAB_CA_CERT")));
            credential.httpClient(http);
            // No challenge resource can match a bare "localhost" or an IP address (see docs/ARCHITECTURE.md).
            verify = LoopbackTransport.isLocalhostName(vaultUrl.getHost()) && !vaultUrl.getHost().equalsIgnoreCase("localhost");
        }
        lastVaultUrl = vaultUrl;
        return new Connection(vaultUrl, credential.build(), http, verify);
    }

    /**
     * A connection to one of {@code vault}'s vaults signed in as {@code principal}; {@code http} null = a new loopback
     * client trusting the vault's CA.
     */
    public static Connection connection(LocalVault vault, URI vaultUrl, String principal, HttpClient http) {
        lastVaultUrl = vaultUrl;
        return new Connection(vaultUrl, new LocalVaultCredential(vault, principal),
                http != null ? http : LoopbackTransport.httpClient(vault.caCertificatePem()), true);
    }

    /** A client for {@code vault}'s default vault, signed in as {@code lab-user}. */
    public static SecretClient client(LocalVault vault) {
        return client(vault, LAB_USER);
    }

    /** A client for {@code vault}'s default vault, signed in as {@code principal}, with extra pipeline policies. */
    public static SecretClient client(LocalVault vault, String principal, HttpPipelinePolicy... policies) {
        return withPolicies(builder(vault, principal), policies).buildClient();
    }

    /** The builder behind {@link #client(LocalVault, String, HttpPipelinePolicy...)}. */
    public static SecretClientBuilder builder(LocalVault vault, String principal) {
        return builder(vault, vault.url(), principal);
    }

    /**
     * A builder for one of {@code vault}'s vaults ({@code vault.url("other")}), signed in as {@code principal}
     * with a token from the vault's token service.
     */
    public static SecretClientBuilder builder(LocalVault vault, URI vaultUrl, String principal) {
        return connection(vault, vaultUrl, principal, null).builder();
    }

    /**
     * The embedded local vault {@link #client()} uses when {@code KEY_VAULT_URL} is unset: started (seeded with
     * {@link Seed#LAB}) on first use, closed when the JVM exits or {@link #run} ends.
     */
    public static LocalVault localVault() {
        return localAppConfig().vault();
    }

    /**
     * The embedded local App Configuration store ({@code ConfigSeed.LAB}), which runs inside {@link #localVault()}:
     * same port, CA and clock; its Key Vault references point at that vault. Started on first use of either.
     */
    public static synchronized LocalAppConfig localAppConfig() {
        if (embedded == null) {
            embedded = LocalAppConfig.builder().vault(LocalVault.builder().seed(Seed.LAB)).start();
            if (!closeHookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(Lab::closeLocalVault, "kvlab-close-local-vault"));
                closeHookAdded = true;
            }
        }
        return embedded;
    }

    /** Stops the embedded local vault if one is running; the next {@link #client()} starts a fresh one. */
    public static synchronized void closeLocalVault() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception ignored) {
                // closing at exit: nothing left to tell anyone
            }
            embedded = null;
        }
    }

    /** A lab program's body: may throw anything, {@link #run} explains it. */
    @FunctionalInterface
    public interface Program {
        void run() throws Exception;
    }

    /**
     * Runs a {@code main} method's body. A failure prints one line saying what happened and what to do (the
     * stack trace too with {@code --verbose} or {@code KVLAB_VERBOSE=1}) and exits with status 1.
     */
    public static void run(String[] args, Program program) {
        // whatever the program prints, a secret value it read shows masked
        if (!(System.out instanceof Redacting)) {
            System.setOut(new Redacting(System.out));
            System.setErr(new Redacting(System.err));
        }
        try {
            runMasked(args, program);
        } finally {
            Redacting.drainAll();
        }
    }

    private static void runMasked(String[] args, Program program) {
        try {
            program.run();
        } catch (Throwable failure) {
            System.out.flush();
            System.err.println(Diagnosis.of(failure, lastVaultUrl));
            if (verbose(args)) {
                failure.printStackTrace();
            }
            closeLocalVault();
            Redacting.drainAll();
            System.exit(1);
        }
        closeLocalVault();
    }

    /** Standard output or error through {@link SecretValues#redacting}. */
    private static final class Redacting extends PrintStream {
        private final SecretValues.Lines lines;

        Redacting(PrintStream terminal) {
            this(SecretValues.redacting(terminal));
        }

        private Redacting(SecretValues.Lines lines) {
            super(lines, true, java.nio.charset.StandardCharsets.UTF_8);
            this.lines = lines;
        }

        static void drainAll() {
            for (PrintStream s : new PrintStream[] {System.out, System.err}) {
                if (s instanceof Redacting r) {
                    r.flush();
                    r.lines.drain();
                }
            }
        }
    }

    /** {@link #run(String[], Program)} for a program without arguments. */
    public static void run(Program program) {
        run(new String[0], program);
    }

    /** True with {@code --verbose} among {@code args} or {@code KVLAB_VERBOSE} set to 1 or true. */
    public static boolean verbose(String[] args) {
        String env = System.getenv("KVLAB_VERBOSE");
        return Arrays.asList(args).contains("--verbose") || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /** A client for this environment's App Configuration store (see {@link #storeConnection()}). */
    public static ConfigurationClient configurationClient() {
        return configurationBuilder().buildClient();
    }

    /** Like {@link #configurationClient()}, with extra pipeline policies (for example one that records requests). */
    public static ConfigurationClient configurationClient(HttpPipelinePolicy... policies) {
        ConfigurationClientBuilder builder = configurationBuilder();
        for (HttpPipelinePolicy policy : policies) {
            builder.addPolicy(policy);
        }
        return builder.buildClient();
    }

    /** The preconfigured builder behind {@link #configurationClient()}. */
    public static ConfigurationClientBuilder configurationBuilder() {
        return storeConnection().builder();
    }

    /** A client for {@code store}, signed in as {@code lab-user} (App Configuration Data Owner). */
    public static ConfigurationClient configurationClient(LocalAppConfig store) {
        return configurationBuilder(store, LAB_USER).buildClient();
    }

    /**
     * A builder for {@code store}: {@code principal} null signs with the store's read-write connection string (HMAC),
     * else with a token for {@code https://azconfig.io} from the vault's token service ({@code lab-user}: Data Owner,
     * {@code app} and {@code reader}: Data Reader, anyone else: no role).
     */
    public static ConfigurationClientBuilder configurationBuilder(LocalAppConfig store, String principal) {
        return storeConnection(store, principal, null).builder();
    }

    /**
     * Where an App Configuration client goes and how it signs in: with a connection string (HMAC-SHA256 over each
     * request) or with a token credential for {@link #APP_CONFIG_AUDIENCE}; {@code httpClient} null = the SDK's own.
     * The builders are made from it, and so is the checks' relay, which signs the learner's requests on the learner's
     * behalf. {@link #toString()} never shows the connection string's secret.
     */
    public record StoreConnection(URI endpoint, String connectionString, TokenCredential credential, HttpClient httpClient) {
        public ConfigurationClientBuilder builder() {
            ConfigurationClientBuilder builder = new ConfigurationClientBuilder();
            if (connectionString != null) {
                builder.connectionString(connectionString);
            } else {
                builder.endpoint(endpoint.toString()).credential(credential)
                        .audience(ConfigurationAudience.fromString(APP_CONFIG_AUDIENCE));
            }
            if (httpClient != null) {
                builder.httpClient(httpClient);
            }
            return builder;
        }

        @Override
        public String toString() {
            return "StoreConnection[" + endpoint + (connectionString != null ? ", connection string" : ", token") + "]";
        }
    }

    /**
     * The App Configuration connection for this environment:
     * <ul>
     *   <li>{@code APP_CONFIG_CONNECTION_STRING} set ({@code Endpoint=https://...;Id=...;Secret=...}): signs each
     *       request with it (HMAC). Both {@code az appconfig credential list} and {@code ./jbang vault --app-config}
     *       give one; it wins over {@code APP_CONFIG_ENDPOINT} when both are set.</li>
     *   <li>else {@code APP_CONFIG_ENDPOINT} set: that store with {@code DefaultAzureCredential} for
     *       {@code https://azconfig.io} (the App Configuration Data Reader or Owner role).</li>
     *   <li>else the embedded local store ({@link #localAppConfig()}), signed in as {@code lab-user}.</li>
     * </ul>
     * A loopback endpoint (a store from {@code ./jbang vault --app-config}) also gets the loopback transport trusting
     * {@code KVLAB_CA_CERT}, and with a token {@code IDENTITY_ENDPOINT} must be set, as for {@code KEY_VAULT_URL}.
     */
    public static StoreConnection storeConnection() {
        return storeConnection(System.getenv());
    }

    private static final Pattern CONNECTION_STRING = Pattern.compile(
            "(?i)^(?=.*(?:^|;)id=[^;]+)(?=.*(?:^|;)secret=[^;]+).*?(?:^|;)endpoint=([^;]+)(?:;|$).*");

    static StoreConnection storeConnection(Map<String, String> environment) {
        String connectionString = blankToNull(environment.get("APP_CONFIG_CONNECTION_STRING"));
        String endpointText = blankToNull(environment.get("APP_CONFIG_ENDPOINT"));
        if (connectionString == null && endpointText == null) {
            return storeConnection(localAppConfig(), LAB_USER, null);
        }
        URI endpoint;
        if (connectionString != null) {
            Matcher m = CONNECTION_STRING.matcher(connectionString);
            // never the value in the message: it holds the store's access key
            endpoint = m.matches() ? storeEndpoint(m.group(1)) : null;
            if (endpoint == null) {
                throw new LabException("APP_CONFIG_CONNECTION_STRING is not an App Configuration connection string: expected "
                        + "Endpoint=https://<store>.azconfig.io;Id=<id>;Secret=<secret> (az appconfig credential list). "
                        + "Source setup/.env again, or unset it to use the local store.");
            }
        } else {
            endpoint = storeEndpoint(endpointText);
            if (endpoint == null) {
                throw new LabException("APP_CONFIG_ENDPOINT is not a store endpoint (" + endpointText + "): expected "
                        + "https://<store>.azconfig.io. Source setup/.env again, or unset it to use the local store.");
            }
        }
        HttpClient http = null;
        if (LoopbackTransport.isLoopback(endpoint)) {
            if (connectionString == null && blankToNull(System.getenv("IDENTITY_ENDPOINT")) == null) {
                throw new LabException("APP_CONFIG_ENDPOINT points at a local store (" + endpoint.getHost() + ") but "
                        + "IDENTITY_ENDPOINT is not set. Source the env file ./jbang vault --app-config wrote, or unset "
                        + "APP_CONFIG_ENDPOINT to use the embedded store.");
            }
            http = LoopbackTransport.httpClient(caCertificate(environment.get("KVLAB_CA_CERT"),
                    connectionString != null ? "APP_CONFIG_CONNECTION_STRING" : "APP_CONFIG_ENDPOINT"));
        }
        if (connectionString != null) {
            return new StoreConnection(endpoint, connectionString, null, http);
        }
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder();
        if (http != null) {
            credential.httpClient(http);
        }
        return new StoreConnection(endpoint, null, credential.build(), http);
    }

    /**
     * A connection to {@code store}: {@code principal} null = its read-write connection string, else a token for
     * that principal; {@code http} null = a new loopback client trusting the store's CA.
     */
    public static StoreConnection storeConnection(LocalAppConfig store, String principal, HttpClient http) {
        HttpClient client = http != null ? http : LoopbackTransport.httpClient(store.caCertificatePem());
        return principal == null ? new StoreConnection(store.endpoint(), store.connectionString(), null, client)
                : new StoreConnection(store.endpoint(), null, new LocalVaultCredential(store.vault(), principal), client);
    }

    private static URI storeEndpoint(String text) {
        try {
            URI url = new URI(text.strip());
            return "https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The vault URL of the client made last, for messages; null before the first. */
    public static URI lastVaultUrl() {
        return lastVaultUrl;
    }

    private static SecretClientBuilder withPolicies(SecretClientBuilder builder, HttpPipelinePolicy... policies) {
        for (HttpPipelinePolicy policy : policies) {
            builder.addPolicy(policy);
        }
        return builder;
    }

    private static URI vaultUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new LabException("KEY_VAULT_URL is not a vault URL (" + text + "): expected https://<vault>.vault.azure.net/. "
                    + "Source setup/.env again, or unset KEY_VAULT_URL to use the local vault.");
        }
        return url;
    }

    private static String caCertificate(String file) {
        return caCertificate(file, "KEY_VAULT_URL");
    }

    /** {@code named}: the variable that pointed at loopback, for the message. */
    private static String caCertificate(String file, String named) {
        if (blankToNull(file) == null) {
            throw new LabException(named + " points at a local " + (named.startsWith("APP_CONFIG") ? "store" : "vault")
                    + " but KVLAB_CA_CERT is not set. Source the env file ./jbang vault wrote (it names the vault's CA certificate).");
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new LabException("cannot read the local vault's CA certificate " + file + " (KVLAB_CA_CERT). Is ./jbang vault "
                    + "still running? Source the env file it wrote again.", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
