package dev.kvlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for what the launcher's background jobs leave in a folder (an archive, a standby's ready file): looks again
 * whenever a file there is created or written, so a test waits no longer than the job takes.
 */
final class FolderWatch {
    private FolderWatch() {
    }

    /** What {@code look} finds in or through {@code folder}, once it finds something; null after {@code wait}. */
    static <T> T await(Path folder, Duration wait, Look<T> look) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Files.createDirectories(folder);
        try (WatchService watcher = folder.getFileSystem().newWatchService()) {
            folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                T found = look.find();
                if (found != null) {
                    return found;
                }
                WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    return null;
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    /** One look: what was found, or null. */
    interface Look<T> {
        T find() throws IOException;
    }
}
