package dev.kvlab.runtime;

/**
 * A problem with the lab's environment that the user can fix (a bad {@code KEY_VAULT_URL}, a missing CA
 * certificate file, ...). Its message is the one line {@link Lab#run} prints, already saying what to do.
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
