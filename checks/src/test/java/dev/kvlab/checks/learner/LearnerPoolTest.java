package dev.kvlab.checks.learner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
