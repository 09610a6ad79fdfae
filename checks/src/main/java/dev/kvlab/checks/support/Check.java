package dev.kvlab.checks.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/**
 * A check: a JUnit test about the learner's code, with the exercise task it belongs to (numbered as in the
 * exercise's instructions), the region it grades, and the hint the learner sees after it fails.
 * Name it with {@code @DisplayName}; mark it {@code @Tag(Check.SHARED_VAULT)} when it is safe on a real, shared vault.
 */
@Test
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Check {
    /** The tag of checks that also run in stage 2: they only touch secrets they created, and clean up. */
    String SHARED_VAULT = "shared-vault";

    int task();

    String region();

    String hint();
}
