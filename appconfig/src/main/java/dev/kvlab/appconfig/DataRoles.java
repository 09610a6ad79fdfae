package dev.kvlab.appconfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds which App Configuration data role on the store. Built in, like the vault's principals: {@code lab-user}
 * Data Owner, {@code reader} and {@code app} Data Reader; anyone else has none (403). Changes apply to the next
 * request.
 */
public final class DataRoles {
    private final Map<String, DataRole> assignments = new ConcurrentHashMap<>();

    DataRoles() {
        reset();
    }

    public void assign(String principal, DataRole role) {
        assignments.put(principal, role);
    }

    public void revoke(String principal) {
        assignments.remove(principal);
    }

    /** The principal's role, or null for none. */
    public DataRole roleOf(String principal) {
        return assignments.get(principal);
    }

    void reset() {
        assignments.clear();
        assignments.put("lab-user", DataRole.DATA_OWNER);
        assignments.put("reader", DataRole.DATA_READER);
        assignments.put("app", DataRole.DATA_READER);
    }
}
