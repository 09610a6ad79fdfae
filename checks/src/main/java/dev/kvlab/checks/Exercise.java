package dev.kvlab.checks;

import java.util.List;

/**
 * An exercise the checks know: its alias ({@code ./jbang check retrieve}), its class (and file) name, and the
 * check class that grades it ({@code dev.kvlab.checks.exercises.<Class>Check}).
 */
public record Exercise(String alias, String className) {
    public static final Exercise RETRIEVE = new Exercise("retrieve", "RetrieveSecrets");
    public static final Exercise LIST = new Exercise("list", "ListSecretProperties");
    public static final Exercise ROTATE = new Exercise("rotate", "RotateSecret");
    public static final Exercise CACHE = new Exercise("cache", "CachedRetrieval");
    public static final Exercise VERSIONS = new Exercise("versions", "SecretVersions");
    public static final Exercise LIFECYCLE = new Exercise("lifecycle", "SecretLifecycle");
    public static final Exercise HYGIENE = new Exercise("hygiene", "SecretHygiene");
    public static final Exercise ACCESS = new Exercise("access", "LeastPrivilege");
    public static final Exercise RESILIENT = new Exercise("resilient", "ResilientClient");
    public static final Exercise REFERENCES = new Exercise("references", "KeyVaultReferences");
    public static final Exercise AUDIT = new Exercise("audit", "AccessAlert");
    public static final Exercise SETTINGS = new Exercise("settings", "AppSettings");
    public static final Exercise FLAGS = new Exercise("flags", "FeatureFlags");
    public static final Exercise REFRESH = new Exercise("refresh", "SentinelRefresh");
    public static final List<Exercise> ALL = List.of(RETRIEVE, LIST, ROTATE, CACHE, VERSIONS, LIFECYCLE, HYGIENE,
            ACCESS, RESILIENT, REFERENCES, AUDIT, SETTINGS, FLAGS, REFRESH);

    /** The exercise with this alias or class name, or null. */
    public static Exercise named(String name) {
        return ALL.stream().filter(e -> e.alias.equals(name) || e.className.equals(name)).findFirst().orElse(null);
    }

    public String fileName() {
        return className + ".java";
    }

    public String learnerClass() {
        return FrameClassLoader.EXERCISES + className;
    }

    public String checkClass() {
        return FrameClassLoader.CHECKS + className + "Check";
    }
}
