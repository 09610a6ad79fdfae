package dev.kvlab.vault.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.security.keyvault.secrets.SecretServiceVersion;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite with the previous SDK line, 4.10.x, at its default api-version 7.6. Runs in its own
 * surefire execution (see vault/pom.xml) with that SDK's jar in place of 4.11.1.
 */
class PreviousSdkTest extends SecretClientConformance {
    @Override
    SecretServiceVersion serviceVersion() {
        return null; // the SDK's own default
    }

    @Test
    void theSdkOnTheClassPathIsThePreviousLine() {
        assertEquals("7.6", SecretServiceVersion.getLatest().getVersion());
    }
}
