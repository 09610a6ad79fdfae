package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The frames the checks carry are the exercises the course commits: change both together. */
class FramesTest {
    static java.util.List<Exercise> exercises() {
        return Exercise.ALL;
    }

    @ParameterizedTest
    @MethodSource("exercises")
    void frameEqualsTheCommittedExercise(Exercise exercise) throws Exception {
        String committed = Files.readString(Fixture.ROOT.resolve("exercises").resolve(exercise.fileName()));
        assertEquals(committed, Frames.source(exercise), "checks/src/main/frames/" + exercise.fileName()
                + " differs from exercises/" + exercise.fileName() + ": copy the exercise there");
        assertEquals(committed, Files.readString(Path.of("src/main/frames").resolve(exercise.fileName())));
    }
}
