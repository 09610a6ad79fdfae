package dev.kvlab.checks.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.checks.Compilation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The judge's side of the learner's process: how it answers what the learner's code asks while a call runs. */
class LearnerProcessTest {
    private static final Duration READY = Duration.ofSeconds(30);

    /** A call of {@code dev.kvlab.exercises.<type>.<method>(LongSupplier)}, handed a clock that asks the judge. */
    private static ObjectNode withAClock(String type, String method) {
        ObjectNode call = Calls.message("dev.kvlab.exercises." + type, method, new Class<?>[] {LongSupplier.class}, null);
        call.putArray("args").addObject().put("kind", "nanos").put("id", "clock-1");
        return call;
    }

    /**
     * Threads of the learner's code that ask at once (two requests to the vault, say) are answered at once, as a real
     * vault would serve them: answered one at a time, the vault's latency kept them apart and hid races such as two
     * threads fetching the same secret. Here the judge holds each answer until both questions have arrived.
     */
    @Test
    void questionsAskedAtOnceAreAnsweredAtOnce() throws Exception {
        Compilation asksTwice = Compilation.of("dev.kvlab.exercises.AsksTwice", """
                package dev.kvlab.exercises;
                import java.util.concurrent.CompletableFuture;
                import java.util.function.LongSupplier;
                public class AsksTwice {
                    public static long both(LongSupplier clock) {
                        CompletableFuture<Long> other = CompletableFuture.supplyAsync(clock::getAsLong);
                        return clock.getAsLong() + other.join();
                    }
                }
                """);
        CountDownLatch bothAsked = new CountDownLatch(2);
        try (LearnerProcess process = LearnerProcess.start(60)) {
            process.load(asksTwice.classes(), READY);
            ObjectNode reply = process.call(withAClock("AsksTwice", "both"), System.nanoTime() + READY.toNanos(), question -> {
                bothAsked.countDown();
                try {
                    if (!bothAsked.await(10, TimeUnit.SECONDS)) {
                        return Wire.message("clock-reply").put("refused", "the other question never came");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Wire.message("clock-reply").put("nanos", 20);
            });

            assertEquals("return", reply.get("op").asText(), reply.toString());
            assertEquals(40, reply.get("value").asLong());
        }
    }

    /** A question the judge fails to answer is refused, and the call goes on to end as the learner's code decides. */
    @Test
    void aQuestionTheJudgeCannotAnswerIsRefused() {
        Compilation asks = Compilation.of("dev.kvlab.exercises.AsksOnce", """
                package dev.kvlab.exercises;
                import java.util.function.LongSupplier;
                public class AsksOnce {
                    public static String ask(LongSupplier clock) {
                        try {
                            return "answered " + clock.getAsLong();
                        } catch (IllegalStateException e) {
                            return e.getMessage();
                        }
                    }
                }
                """);
        try (LearnerProcess process = LearnerProcess.start(60)) {
            process.load(asks.classes(), READY);
            ObjectNode reply = process.call(withAClock("AsksOnce", "ask"), System.nanoTime() + READY.toNanos(), question -> {
                throw new IllegalArgumentException("a fault of the judge's own");
            });

            assertEquals("the checks could not answer (IllegalArgumentException)", reply.get("value").asText());
        }
    }
}
