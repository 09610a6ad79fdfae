package dev.kvlab.vault.secrets;

import java.nio.file.Path;

/**
 * The secrets journal is damaged or cut short: the vault refuses to start rather than serve (and then compact away)
 * only part of what it acknowledged. The message is one line naming the file, the record and the way out.
 */
public final class JournalDamagedException extends RuntimeException {
    private final Path file;

    JournalDamagedException(Path file, String damage, int intactRecords) {
        super("the secrets journal " + file + " is damaged: " + damage + ". Nothing was loaded and nothing changed. "
                + "Start with --recover (embedded: recoverJournal(true)) to keep the " + intactRecords
                + " intact records and move the damaged file aside, or restore the folder from a backup");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
