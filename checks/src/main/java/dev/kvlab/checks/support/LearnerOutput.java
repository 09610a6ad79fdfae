package dev.kvlab.checks.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the learner's code prints while a check runs it. {@link #install} puts a routing stream in place
 * of {@code System.out}/{@code System.err} once; a thread that {@link #capture}s writes into its own capped buffer,
 * every other thread still reaches the terminal.
 */
public final class LearnerOutput {
    /** Enough to show what went wrong; a printing loop must not fill the memory. */
    static final int KEEP = 16_384;

    private static final ThreadLocal<ByteArrayOutputStream> BUFFER = new ThreadLocal<>();
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static int installs;

    private LearnerOutput() {}

    public static synchronized void install() {
        if (installs++ == 0) {
            originalOut = System.out;
            originalErr = System.err;
            System.setOut(routed(originalOut));
            System.setErr(routed(originalErr));
        }
    }

    public static synchronized void uninstall() {
        if (installs > 0 && --installs == 0) {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** From now on this thread's output goes to a fresh buffer. */
    public static void capture() {
        BUFFER.set(new ByteArrayOutputStream());
    }

    /** Stops capturing on this thread and returns what it printed. */
    public static String release() {
        ByteArrayOutputStream b = BUFFER.get();
        BUFFER.remove();
        return b == null ? "" : b.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream routed(PrintStream terminal) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                ByteArrayOutputStream b = BUFFER.get();
                if (b == null) {
                    terminal.write(bytes, off, len);
                } else if (b.size() < KEEP) {
                    b.write(bytes, off, Math.min(len, KEEP - b.size()));
                }
            }

            @Override
            public void flush() {
                terminal.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
