package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;

/** What an operation answers: status, JSON body (null for none) and the secret id for the audit record. */
public record Reply(int status, JsonNode body, String secretId) {
}
