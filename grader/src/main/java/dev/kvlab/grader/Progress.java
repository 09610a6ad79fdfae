package dev.kvlab.grader;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a run shows its progress: a bar (done/total, how many not fully passing, time left) on a terminal, one plain
 * line per learner otherwise (CI logs, pipes).
 */
interface Progress extends AutoCloseable {
    void start(int total);

    /** A learner is done: {@code status} is their row's status; {@code passed} when every check passed. */
    void done(String learner, String status, boolean passed);

    @Override
    void close();

    /** A bar on a terminal, plain lines elsewhere. */
    static Progress to(PrintStream out, boolean terminal) {
        return terminal ? new Bar(out) : new Lines(out);
    }

    /** One line per learner: {@code [3/40] alice: graded}. */
    final class Lines implements Progress {
        private final PrintStream out;
        private final AtomicInteger done = new AtomicInteger();
        private int total;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void start(int total) {
            this.total = total;
        }

        @Override
        public void done(String learner, String status, boolean passed) {
            out.println("[" + done.incrementAndGet() + "/" + total + "] " + learner + ": " + status);
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** me.tongfei's progress bar: done/total, the learners not passing everything so far, elapsed and time left. */
    final class Bar implements Progress {
        private final PrintStream out;
        private final AtomicInteger problems = new AtomicInteger();
        private ProgressBar bar;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void start(int total) {
            bar = new ProgressBarBuilder().setTaskName("Grading").setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250).continuousUpdate().showSpeed().build();
        }

        @Override
        public synchronized void done(String learner, String status, boolean passed) {
            if (!passed) {
                problems.incrementAndGet();
            }
            bar.step();
            bar.setExtraMessage(problems.get() == 0 ? "" : problems.get() + " failing");
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
