package dev.kvlab.checks.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.checks.Compilation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where runs get their learner process: kept for the same submission's next run, or ended with the run. */
class LearnerPoolTest {
    private static final Duration READY = Duration.ofSeconds(30);

    @Test
    void aSubmissionsNextRunGetsTheProcessTheLastRunHandedBack() {
        LearnerProcess first;
        try (LearnerPool pool = LearnerPool.forOneSubmission()) {
            first = pool.take(60).join();
            first.load(Map.of(), READY);
            pool.giveBack(first);

            LearnerProcess next = pool.take(60).join();

            assertSame(first, next);
            next.load(Map.of(), READY); // the next run's classes go into the same process
            pool.giveBack(next);
        }
        assertFalse(first.alive(), "closing the pool ends what it kept");
    }

    /** Threads the learner's code left running (spinning, or waiting to act) must not reach the next exercise. */
    @Test
    void aProcessWhereTheLearnersCodeLeftAThreadIsNotKept() {
        Compilation leaves = Compilation.of("dev.kvlab.exercises.Leaves", """
                package dev.kvlab.exercises;
                public class Leaves {
                    public static void start() {
                        Thread t = new Thread(() -> { while (true) { Thread.onSpinWait(); } });
                        t.setDaemon(true);
                        t.start();
                    }
                }
                """);
        try (LearnerPool pool = LearnerPool.forOneSubmission()) {
            LearnerProcess process = pool.take(60).join();
            process.load(leaves.classes(), READY);
            ObjectNode call = Calls.message("dev.kvlab.exercises.Leaves", "start", new Class<?>[0], null);
            call.putArray("args");
            assertEquals("return", process.call(call, System.nanoTime() + READY.toNanos(), q -> null).get("op").asText());
            process.output(READY); // what the run does when a check ends

            pool.giveBack(process);

            assertFalse(process.alive());
            assertNotSame(process, pool.take(60).thenApply(p -> {
                pool.giveBack(p);
                return p;
            }).join());
        }
    }

    @Test
    void aFreshPoolEndsEveryProcessItGetsBack() {
        LearnerPool pool = LearnerPool.fresh();
        LearnerProcess first = pool.take(60).join();
        first.load(Map.of(), READY);

        pool.giveBack(first);

        assertFalse(first.alive());
        LearnerProcess second = pool.take(60).join();
        assertNotSame(first, second);
        pool.giveBack(second);
    }

    @Test
    void aProcessThatDiedIsNeverHandedOutAgain() {
        try (LearnerPool pool = LearnerPool.forOneSubmission()) {
            LearnerProcess killed = pool.take(60).join();
            killed.load(Map.of(), READY);
            killed.kill(); // as a check's deadline does
            pool.giveBack(killed);

            LearnerProcess next = pool.take(60).join();

            assertNotSame(killed, next);
            next.load(Map.of(), READY);
            assertTrue(next.alive());
            pool.giveBack(next);
        }
    }

    @Test
    void aProcessHandedBackAfterThePoolClosedIsEnded() {
        LearnerPool pool = LearnerPool.forOneSubmission();
        LearnerProcess late = pool.take(60).join();
        late.load(Map.of(), READY);
        pool.close();

        pool.giveBack(late);

        assertFalse(late.alive());
    }
}
