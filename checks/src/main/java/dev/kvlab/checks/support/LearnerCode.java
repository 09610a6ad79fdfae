package dev.kvlab.checks.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learner's compiled classes as ArchUnit sees them, for rules about what the code calls, and the way from a
 * line of the compiled file back to the learner's region, so a rule's message points at the learner's line.
 */
public final class LearnerCode {
    private static final Pattern LOCATION = Pattern.compile("\\((\\w+)\\.java:(\\d+)\\)");

    private final JavaClasses classes;
    private final String file;
    private final IntFunction<String> regionAt;

    public LearnerCode(JavaClasses classes, String file, IntFunction<String> regionAt) {
        this.classes = classes;
        this.file = file;
        this.regionAt = regionAt;
    }

    public JavaClasses classes() {
        return classes;
    }

    /** The region holding {@code line} of the learner's file, or null. */
    public String regionAt(int line) {
        return regionAt.apply(line);
    }

    /**
     * Evaluates {@code rule}; on a violation fails with {@code why} and where: the learner's file, line and region.
     */
    public void require(ArchRule rule, String why) {
        EvaluationResult result = rule.evaluate(classes);
        // Only the learner's lines count: code outside the regions is the course's sealed frame (main, records), and
        // a method's name proves nothing (a region can declare its own "main").
        List<String> details = result.getFailureReport().getDetails().stream().filter(this::inRegion).toList();
        if (details.isEmpty()) {
            return;
        }
        throw new CheckFailed(why + (details.size() > 1 ? " (and " + (details.size() - 1) + " more)" : "")
                + " — " + describe(details.get(0)));
    }

    private boolean inRegion(String violation) {
        Matcher m = LOCATION.matcher(violation);
        return m.find() && regionAt(Integer.parseInt(m.group(2))) != null;
    }

    /** One ArchUnit violation line, with its location as {@code file:line (region NAME)}. */
    public String describe(String violation) {
        Matcher m = LOCATION.matcher(violation);
        String where = "";
        if (m.find()) {
            int line = Integer.parseInt(m.group(2));
            String region = regionAt(line);
            where = file + ":" + line + (region != null ? " (region " + region + ")" : "");
        }
        String what = violation.replaceAll("\\s*in \\(\\w+\\.java:\\d+\\)", "")
                .replaceFirst("(Method|Constructor|Static Initializer) <[^>]*> ", "")
                .replace("dev.kvlab.exercises.", "").replace("java.lang.", "");
        return where.isEmpty() ? what : where + ": " + what;
    }
}
