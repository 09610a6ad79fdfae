package dev.kvlab.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a program from outside the JDK. When the program is not on the
 * {@code PATH} the test is skipped with one line naming the Debian package to install, or, when the environment has
 * {@code CI=true}, it fails with that line: CI must never pass by skipping. Repeat it for each program;
 * {@link RequiredTools#path} gives the file found.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(RequiresTool.All.class)
@ExtendWith(RequiredTools.class)
public @interface RequiresTool {
    /** The program's name as looked up on the {@code PATH}, e.g. {@code "chromium"}. */
    String value();

    /** The Debian package (or packages, space-separated) that install it, e.g. {@code "chromium-driver"}. */
    String debian();

    /** The container of repeated {@link RequiresTool}s (Java puts it on the class; JUnit reads through it). */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ExtendWith(RequiredTools.class)
    @interface All {
        RequiresTool[] value();
    }
}
