package dev.kvlab.checks.learner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where the learner's process runs. On Linux with bubblewrap (Debian package {@code bubblewrap}): the whole file
 * system read-only, the home folders hidden, a private {@code /tmp} as its only writable place, its own network
 * namespace (nothing to reach: its vault requests go through the judge), its own pid namespace, no capabilities,
 * and it dies with the judge. Without bubblewrap it is a plain child process with a scrubbed environment; a
 * self-paced check says so in one line, and a grader that requires the sandbox refuses.
 */
public final class Sandbox {
    /** {@code kvlab.sandbox}: {@code auto} (the default: use bubblewrap when it works), {@code required}, {@code off}. */
    public static final String PROPERTY = "kvlab.sandbox";

    /** The line a check prints when the learner's code ran without the sandbox. */
    public static final String NOT_SANDBOXED = "sandbox: bubblewrap is not available here, so your code ran as a "
            + "plain child process (on Debian/Ubuntu: sudo apt install bubblewrap)";

    private static volatile Boolean works;

    private Sandbox() {}

    /** What {@code kvlab.sandbox} asks for. */
    public static String policy() {
        String p = System.getProperty(PROPERTY, "auto").strip().toLowerCase();
        return p.equals("required") || p.equals("off") ? p : "auto";
    }

    /** Whether the learner's process will be sandboxed under the current policy. */
    public static boolean enabled() {
        return !policy().equals("off") && works();
    }

    /** Null when the policy can be met; otherwise the one line that says why the run cannot start. */
    public static String refusal() {
        if (policy().equals("required") && !works()) {
            return "the sandbox is required (grading) but bubblewrap does not work here: install it (Debian/Ubuntu: "
                    + "apt install bubblewrap) or grade with --no-sandbox on a machine you trust";
        }
        return null;
    }

    /** Whether {@code bwrap} is installed and can make namespaces here (containers may forbid it). */
    static boolean works() {
        if (works == null) {
            boolean ok = false;
            String bwrap = which("bwrap");
            if (bwrap != null) {
                try {
                    Process p = new ProcessBuilder(bwrap, "--ro-bind", "/", "/", "--unshare-all", "--uid", "65534",
                            "--gid", "65534", "--die-with-parent", "true").redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (Exception e) {
                    ok = false;
                }
            }
            works = ok;
        }
        return works;
    }

    /**
     * The command that runs {@code java} in the sandbox (or plainly, when it is not enabled), with CPU seconds capped
     * by {@code prlimit} where it exists. {@code readable}: the files and folders it must read (its class path, its
     * class-data archive). {@code scratch} is the process's private writable folder when unsandboxed.
     */
    static List<String> wrap(List<String> java, List<String> readable, int cpuSeconds, Path scratch) {
        List<String> command = new ArrayList<>();
        String prlimit = which("prlimit");
        if (prlimit != null) {
            command.addAll(List.of(prlimit, "--cpu=" + cpuSeconds, "--nofile=1024", "--core=0", "--"));
        }
        if (!enabled()) {
            command.addAll(java);
            return command;
        }
        command.addAll(List.of(which("bwrap"), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
        // Empty every temporary and home folder (tokens, keys, shell history, other people's files), then bring back
        // read-only what the JVM must read: its class path, its archive and the JDK, wherever they live (a private
        // Maven repository under /tmp included).
        Set<Path> hidden = new LinkedHashSet<>();
        for (String h : List.of("/tmp", "/var/tmp", "/dev/shm", "/root", "/home", System.getProperty("user.home", ""),
                String.valueOf(System.getenv("HOME")))) {
            if (h.startsWith("/") && !h.equals("/") && Files.isDirectory(Path.of(h))) {
                hidden.add(Path.of(h).toAbsolutePath().normalize());
            }
        }
        for (Path h : hidden) {
            if (hidden.stream().noneMatch(other -> !other.equals(h) && h.startsWith(other))) {
                command.addAll(List.of("--tmpfs", h.toString()));
            }
        }
        Set<String> visible = new LinkedHashSet<>(readable);
        visible.add(System.getProperty("java.home"));
        for (String entry : visible) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (Files.exists(p) && hidden.stream().anyMatch(p::startsWith)) {
                command.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        command.addAll(List.of("--unshare-all", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
                "--die-with-parent", "--new-session", "--chdir", "/tmp", "--"));
        command.addAll(java);
        return command;
    }

    static String which(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path + ":/usr/bin:/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return null;
    }
}
