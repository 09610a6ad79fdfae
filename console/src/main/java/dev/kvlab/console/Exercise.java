package dev.kvlab.console;

import java.util.Arrays;
import java.util.Optional;

/** The lab's exercises as the console and the notebooks know them: name, file, learner function, button. */
public enum Exercise {
    RETRIEVE("retrieve", "RetrieveSecrets", "retrieveSecrets", "Retrieve Secrets"),
    LIST("list", "ListSecretProperties", "listSecretProperties", "List Secret Properties"),
    ROTATE("rotate", "RotateSecret", "rotateSecret", "Create New Version"),
    CACHE("cache", "CachedRetrieval", "cachedRetrieval", "Run Cached Retrieval"),
    VERSIONS("versions", "SecretVersions", "listVersions", "List Versions"),
    LIFECYCLE("lifecycle", "SecretLifecycle", "storeSecret", "Store With Expiry"),
    HYGIENE("hygiene", "SecretHygiene", "auditVault", "Audit the Vault"),
    ACCESS("access", "LeastPrivilege", "planRoles", "Plan Roles"),
    RESILIENT("resilient", "ResilientClient", "twoBursts", "Run Two Bursts"),
    REFERENCES("references", "KeyVaultReferences", "settingsPage", "Resolve App Settings"),
    AUDIT("audit", "AccessAlert", "evaluateRule", "Evaluate the Alert"),
    SETTINGS("settings", "AppSettings", "loadSettings", "Load Settings"),
    FLAGS("flags", "FeatureFlags", "evaluate", "Evaluate the Flag"),
    REFRESH("refresh", "SentinelRefresh", "firstRead", "Read Settings");

    private final String id;
    private final String className;
    private final String function;
    private final String action;

    Exercise(String id, String className, String function, String action) {
        this.id = id;
        this.className = className;
        this.function = function;
        this.action = action;
    }

    /** The short name used on the command line and in URLs: retrieve, list, rotate, cache, versions, ... */
    public String id() { return id; }

    /** The simple name of the exercise's class, also its file name without {@code .java}. */
    public String className() { return className; }

    /** The learner's public static function the console calls. */
    public String function() { return function; }

    /** The label of the console's button for this exercise. */
    public String action() { return action; }

    public String fileName() { return className + ".java"; }

    public static Optional<Exercise> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Exercise::id).toList());
    }
}
