package dev.kvlab.runtime;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in a lab run into the one line the user sees: what happened and what to do next.
 * {@link Lab#run} prints it; the checks and the console use it for their own messages.
 */
public final class Diagnosis {
    /** The message an untouched stub throws: {@code <Exercise>: fill in region <NAME> ...}. */
    public static final Pattern UNFILLED_REGION = Pattern.compile("^[A-Z][A-Za-z0-9]*: fill in region [A-Z][A-Z0-9_]*\\b.*", Pattern.DOTALL);
    private static final int MAX_DETAIL = 200;

    private Diagnosis() {
    }

    /** The stub's own message when {@code error} (or a cause) comes from a region nobody filled in yet. */
    public static Optional<String> unfilledRegion(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && UNFILLED_REGION.matcher(t.getMessage()).matches()) {
                return Optional.of(firstLine(t.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** One line for {@code error}; {@code vaultUrl} is the vault the client talked to (may be null). */
    public static String of(Throwable error, URI vaultUrl) {
        Optional<String> unfilled = unfilledRegion(error);
        if (unfilled.isPresent()) {
            return unfilled.get();
        }
        return "Error: " + explain(error, vaultUrl);
    }

    private static String explain(Throwable error, URI vaultUrl) {
        for (Throwable t : chain(error)) {
            if (t instanceof LabException) {
                return t.getMessage();
            }
        }
        for (Throwable t : chain(error)) {
            if (t instanceof HttpResponseException e && e.getResponse() != null) {
                return refused(e);
            }
        }
        String where = vaultUrl == null ? "the vault" : hostPort(vaultUrl);
        boolean local = LoopbackTransport.isLoopback(vaultUrl);
        for (Throwable t : chain(error)) {
            if (t instanceof ClientAuthenticationException || t.getClass().getName().startsWith("com.azure.identity.")) {
                return local
                        ? "could not get a token for " + where + " from the managed-identity endpoint (IDENTITY_ENDPOINT). "
                          + "Is ./jbang vault still running? Source the env file it wrote, then try again."
                        : "no Azure sign-in found for " + where + " (DefaultAzureCredential). Run az login, then try again.";
            }
            if (t instanceof UnknownHostException) {
                return "cannot find the host " + where + ". Check KEY_VAULT_URL (source setup/.env again) and your network "
                        + "or proxy settings (HTTPS_PROXY, NO_PROXY).";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return local
                        ? "nothing answers at " + where + ". Start the local vault again (./jbang vault --env-file setup/.env) and "
                          + "source the file, or unset KEY_VAULT_URL to use the embedded one."
                        : "nothing answers at " + where + ". Check KEY_VAULT_URL (setup/.env), your network, proxy and the "
                          + "vault's firewall (bash setup/azdeploy.sh network).";
            }
            if (t instanceof SSLException || t instanceof CertificateException) {
                return local
                        ? "the TLS handshake with " + where + " failed (" + detail(t) + "). Set KVLAB_CA_CERT to the CA "
                          + "certificate file the local vault printed (source its env file again)."
                        : "the TLS handshake with " + where + " failed (" + detail(t) + "). Behind a TLS-inspecting proxy, "
                          + "add its CA certificate to the JDK's trust store.";
            }
            if (t instanceof TimeoutException) {
                return where + " did not answer in time. Check your network and proxy, then try again.";
            }
        }
        return error.getClass().getSimpleName() + ": " + detail(error) + " (run again with --verbose for the details)";
    }

    /** The vault answered, and said no. */
    private static String refused(HttpResponseException e) {
        ServiceError error = ServiceError.of(e);
        URI url = requestUrl(e);
        String host = url == null ? "the vault" : hostPort(url);
        boolean local = LoopbackTransport.isLoopback(url);
        if (isAppConfiguration(url)) {
            return refusedByStore(e.getResponse().getStatusCode(), host, local);
        }
        String codes = error.status() + " " + error.code() + (error.innerCode() == null ? "" : "/" + error.innerCode());
        String said = error.message() == null ? "" : ": " + clip(error.message());
        switch (error.status()) {
            case 401:
                return local
                        ? host + " refused the token (" + codes + said + "). Restart the local vault or source its env file again."
                        : host + " refused your sign-in (" + codes + "). Run az login with the account that holds the vault's "
                          + "role, then try again.";
            case 403:
                if ("ForbiddenByRbac".equals(error.innerCode())) {
                    return local
                            ? "the caller has no role on " + host + " that allows this (" + codes + said + ")."
                            : "your account has no role on " + host + " that allows this (" + codes + "). Assign Key Vault "
                              + "Secrets Officer with: bash setup/azdeploy.sh role (a new assignment takes a few minutes).";
                }
                if ("SecretDisabled".equals(error.innerCode())) {
                    return "that secret version is disabled on " + host + " (" + codes + "). Enable it again or read another version.";
                }
                if ("ForbiddenByFirewall".equals(error.innerCode()) || "ForbiddenByConnection".equals(error.innerCode())) {
                    return host + " does not accept requests from your network (" + codes + "). Allow your address with: "
                            + "bash setup/azdeploy.sh network.";
                }
                return host + " refused the request (" + codes + said + ").";
            case 404:
                return local
                        ? "not found on " + host + " (" + codes + said + "). Check the secret name: the local vault starts with "
                          + "openai-api-key and cosmosdb-connection-string."
                        : "not found on " + host + " (" + codes + said + "). Check the secret name; bash setup/azdeploy.sh "
                          + "secrets stores the two sample secrets.";
            case 409:
                return host + " refused the change (" + codes + said + "). A deleted secret must be recovered or purged "
                        + "before its name can be used again.";
            case 429:
                return host + " is throttling requests (" + codes + ") even after the SDK's retries. Wait a few seconds and "
                        + "try again; exercise 4 (./jbang cache) shows how caching saves calls.";
            default:
                return host + " answered " + codes + said + ".";
        }
    }

    /** An App Configuration store: {@code *.azconfig.io} (and the sovereign clouds'), or the local one. */
    static boolean isAppConfiguration(URI url) {
        String host = url == null || url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
        return host.endsWith(".azconfig.io") || host.endsWith(".azconfig.azure.cn") || host.endsWith(".azconfig.azure.us")
                || host.startsWith("kvlab-config.");
    }

    /** The App Configuration store answered, and said no: its roles and keys, not Key Vault's. */
    private static String refusedByStore(int status, String host, boolean local) {
        switch (status) {
            case 401:
                return local
                        ? host + " refused the sign-in (401). Source the env file ./jbang vault --app-config wrote again "
                          + "(its connection string changes with every start)."
                        : host + " refused your sign-in (401). Run az login, or copy APP_CONFIG_CONNECTION_STRING again "
                          + "from: az appconfig credential list --name <store>.";
            case 403:
                return local
                        ? "the caller has no App Configuration data role on " + host + " that allows this (403)."
                        : "your account has no App Configuration data role on " + host + " that allows this (403). Assign "
                          + "App Configuration Data Reader with: az role assignment create --role \"App Configuration Data "
                          + "Reader\" --assignee <you> --scope <store id> (a new assignment takes a few minutes).";
            case 404:
                return "not found on " + host + " (404). Check the key and the label.";
            default:
                return host + " answered " + status + ".";
        }
    }

    private static URI requestUrl(HttpResponseException e) {
        try {
            return e.getResponse().getRequest().getUrl().toURI();
        } catch (Exception notAvailable) {
            return null;
        }
    }

    private static String hostPort(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            for (Throwable s : t.getSuppressed()) {
                if (!chain.contains(s)) {
                    chain.add(s);
                }
            }
        }
        return chain;
    }

    private static String detail(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : clip(t.getMessage());
    }

    private static String clip(String text) {
        String line = firstLine(text).strip();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
