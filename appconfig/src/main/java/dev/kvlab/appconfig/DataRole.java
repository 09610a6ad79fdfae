package dev.kvlab.appconfig;

/** App Configuration's data-plane roles for Entra sign-ins. */
public enum DataRole {
    /** App Configuration Data Reader: read key-values, labels, revisions. */
    DATA_READER("App Configuration Data Reader", false),
    /** App Configuration Data Owner: read, write, delete and lock key-values. */
    DATA_OWNER("App Configuration Data Owner", true);

    private final String displayName;
    private final boolean writes;

    DataRole(String displayName, boolean writes) {
        this.displayName = displayName;
        this.writes = writes;
    }

    public String displayName() {
        return displayName;
    }

    boolean allowsWrites() {
        return writes;
    }
}
