package dev.kvlab.vault.conformance;

import com.azure.security.keyvault.secrets.SecretServiceVersion;

/** The conformance suite with api-version 2025-07-01, what SDK 4.11.1 (the lab's) sends by default. */
class SecretClient20250701Test extends SecretClientConformance {
    @Override
    SecretServiceVersion serviceVersion() {
        return SecretServiceVersion.V2025_07_01;
    }
}
