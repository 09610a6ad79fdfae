package dev.kvlab.vault.conformance;

import com.azure.security.keyvault.secrets.SecretServiceVersion;

/** The conformance suite with api-version 7.6, what SDK 4.10.x sends by default. */
class SecretClient76Test extends SecretClientConformance {
    @Override
    SecretServiceVersion serviceVersion() {
        return SecretServiceVersion.V7_6;
    }
}
