package dev.kvlab.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The course's four modules (DESIGN.md, "The course") and the exercises of each, in the order a learner takes them.
 * The console's home page groups the exercises that exist ({@link Exercise}) under these modules, so a new exercise
 * needs only its entry in {@code Exercise}: its alias places it here.
 */
final class Course {
    /** A module of the course: its number, its title and its exercises' aliases in order. */
    record Module(int number, String title, List<String> aliases) {}

    static final List<Module> MODULES = List.of(
            new Module(1, "The seed lab", List.of("retrieve", "list", "rotate", "cache")),
            new Module(2, "The secret lifecycle", List.of("versions", "lifecycle", "hygiene")),
            new Module(3, "Access and operations", List.of("access", "resilient", "references", "audit")),
            new Module(4, "App Configuration", List.of("settings", "flags", "refresh")));

    /** A module with the exercises of it that the lab has now. */
    record Part(Module module, List<Exercise> exercises) {}

    private Course() {
    }

    /** The modules that have at least one of {@code exercises}, each listing them in the course's order. */
    static List<Part> parts(List<Exercise> exercises) {
        List<Part> parts = new ArrayList<>();
        for (Module module : MODULES) {
            List<Exercise> present = module.aliases().stream()
                    .flatMap(alias -> exercises.stream().filter(e -> e.id().equals(alias)))
                    .toList();
            if (!present.isEmpty()) {
                parts.add(new Part(module, present));
            }
        }
        // an exercise the course's table does not list yet still shows, after the modules (CourseTest flags it)
        List<Exercise> unlisted = exercises.stream().filter(e -> moduleOf(e).isEmpty()).toList();
        if (!unlisted.isEmpty()) {
            parts.add(new Part(new Module(MODULES.size() + 1, "More exercises", unlisted.stream().map(Exercise::id).toList()), unlisted));
        }
        return parts;
    }

    static List<Part> parts() {
        return parts(Arrays.asList(Exercise.values()));
    }

    /** The module an exercise belongs to, if the course lists its alias. */
    static Optional<Module> moduleOf(Exercise exercise) {
        return MODULES.stream().filter(m -> m.aliases().contains(exercise.id())).findFirst();
    }

    /** The exercise's number in the whole course (1 for retrieve, 5 for versions, ...), or 0 outside the course. */
    static int number(Exercise exercise) {
        int n = 0;
        for (Module module : MODULES) {
            for (String alias : module.aliases()) {
                n++;
                if (alias.equals(exercise.id())) {
                    return n;
                }
            }
        }
        return 0;
    }
}
