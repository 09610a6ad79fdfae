package dev.kvlab.vault;

/** PLACEHOLDER until wip/vault-secrets lands: what a new vault holds. */
public enum Seed {
    LAB, NONE
}
