package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The console groups the exercises by the course's modules; an exercise outside the course would be lost. */
class CourseTest {

    @Test
    void everyExerciseBelongsToAModuleOfTheCourse() {
        for (Exercise e : Exercise.values()) {
            assertTrue(Course.moduleOf(e).isPresent(), e.id() + " is in no module of Course.MODULES (DESIGN.md, \"The course\")");
            assertTrue(Course.number(e) > 0);
        }
        assertEquals(Exercise.values().length, Course.parts().stream().mapToInt(p -> p.exercises().size()).sum());
    }

    @Test
    void exercisesAreGroupedInTheCoursesOrderAndEmptyModulesAreLeftOut() {
        List<Course.Part> parts = Course.parts(List.of(Exercise.CACHE, Exercise.RETRIEVE));
        assertEquals(1, parts.size());
        assertEquals("The seed lab", parts.get(0).module().title());
        assertEquals(List.of(Exercise.RETRIEVE, Exercise.CACHE), parts.get(0).exercises());
        assertEquals(1, Course.number(Exercise.RETRIEVE));
        assertEquals(4, Course.number(Exercise.CACHE));
    }

    @Test
    void noExerciseIsEverLeftOffThePage() {
        // the four modules list 14 aliases; an exercise named nowhere still shows, after them
        List<Course.Part> parts = Course.parts(List.of(Exercise.values()));
        assertEquals(Exercise.values().length, parts.stream().mapToInt(p -> p.exercises().size()).sum());
        assertTrue(parts.stream().noneMatch(p -> p.module().title().equals("More exercises")),
                "every exercise is listed in Course.MODULES");
    }
}
