package dev.kvlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.checks.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class split into stable shards, each graded into its own gradebook, then merged: the merged reports are the
 * unsharded ones, every learner is in exactly one shard, and merging the same shard twice adds nothing.
 */
class ShardMergeTest {
    @TempDir
    Path tmp;

    @Test
    void shardsMergeIntoTheSameGradesAsOneRun() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("submissions"));
        String broken = Learners.stub(Exercise.RETRIEVE).replace("        // END RETRIEVE_SECRETS\n", "");
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "learner-" + i;
            learners.add(name);
            if (i % 3 == 0) {
                Files.createDirectories(subs.resolve(name)); // handed in nothing
            } else {
                // broken markers: refused by the checks before anything compiles, so the test stays fast
                Learners.folder(subs.resolve(name), Map.of(Exercise.RETRIEVE.fileName(), broken + "// " + i + "\n"));
            }
        }
        String[] common = {"--exercises", "retrieve", "--seed", "1", "--no-sandbox", "--plain"};
        assertEquals(0, run(subs, tmp.resolve("all"), common));
        assertEquals(0, run(subs, tmp.resolve("shard-1"), common, "--shard", "1/2"));
        assertEquals(0, run(subs, tmp.resolve("shard-2"), common, "--shard", "2/2"));

        Set<String> one = learnersIn(tmp.resolve("shard-1"));
        Set<String> two = learnersIn(tmp.resolve("shard-2"));
        assertFalse(one.isEmpty() || two.isEmpty(), one + " / " + two);
        Set<String> both = new HashSet<>(one);
        both.retainAll(two);
        assertEquals(Set.of(), both, "a learner in two shards");
        Set<String> union = new HashSet<>(one);
        union.addAll(two);
        assertEquals(new HashSet<>(learners), union);

        GradeCommandTest.Run merged = GradeCommandTest.grade(null, "--merge", "--out", tmp.resolve("merged").toString(),
                tmp.resolve("shard-1").toString(), tmp.resolve("shard-2").toString());
        assertEquals(0, merged.status(), merged.toString());
        assertTrue(merged.stdout().contains("Merged 1 run from "), merged.stdout());
        assertEquals(Files.readString(tmp.resolve("all/grades.csv")), Files.readString(tmp.resolve("merged/grades.csv")));
        for (String learner : learners) {
            assertTrue(Files.isRegularFile(tmp.resolve("merged").resolve(learner).resolve("feedback.html")), learner);
        }

        GradeCommandTest.Run again = GradeCommandTest.grade(null, "--merge", "--out", tmp.resolve("merged").toString(),
                tmp.resolve("shard-1").toString());
        assertEquals(0, again.status(), again.toString());
        assertTrue(again.stdout().contains("Merged 0 runs from "), again.stdout());
        try (Gradebook book = Gradebook.open(tmp.resolve("merged").resolve(Gradebook.FILE))) {
            assertEquals(2, book.runs().size());
            assertEquals(List.of("1/2", "2/2"), book.runs().stream().map(Gradebook.Run::shard).sorted().toList());
        }
    }

    @Test
    void aLearnersShardDependsOnTheirNameOnly() {
        int[] slice = Shard.parse("2/3");
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (Shard.holds("learner-" + i, slice)) {
                before.add("learner-" + i);
            }
        }
        assertFalse(before.isEmpty());
        assertTrue(before.size() < 30);
        for (String name : before) {
            assertTrue(Shard.holds(name, Shard.parse("2/3")));
            assertFalse(Shard.holds(name, Shard.parse("1/3")));
            assertFalse(Shard.holds(name, Shard.parse("3/3")));
        }
        assertEquals(null, Shard.parse("0/3"));
        assertEquals(null, Shard.parse("4/3"));
        assertEquals(null, Shard.parse("two/3"));
    }

    static int run(Path subs, Path out, String[] common, String... more) {
        List<String> args = new ArrayList<>(List.of("--out", out.toString()));
        args.addAll(List.of(common));
        args.addAll(List.of(more));
        GradeCommandTest.Run r = GradeCommandTest.grade(subs, args.toArray(String[]::new));
        assertEquals(0, r.status(), r.toString());
        return r.status();
    }

    static Set<String> learnersIn(Path out) throws Exception {
        Set<String> names = new HashSet<>(GradeCommandTest.csv(out.resolve("grades.csv")).keySet());
        names.remove("");
        return names;
    }
}
