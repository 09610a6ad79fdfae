package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Region markers, the frame check and the rebuilt file. */
class SubmissionTest {
    static final String PRISTINE = String.join("\n", List.of(
            "package dev.kvlab.exercises;",          // 1
            "import java.util.List;",                // 2
            "class A {",                             // 3
            "    int f() {",                         // 4
            "        // BEGIN F",                    // 5
            "        throw new RuntimeException();", // 6
            "        // END F",                      // 7
            "    }",                                 // 8
            "    int g() {",                         // 9
            "        // BEGIN G",                    // 10
            "        return 0;",                     // 11
            "        // END G",                      // 12
            "    }",                                 // 13
            "}")) + "\n";

    static Submission parse(String text) throws SubmissionRejected {
        return Submission.parse("A.java", text);
    }

    @Test
    void findsRegionsAndTheirBodies() throws Exception {
        Submission s = parse(PRISTINE);
        assertEquals(List.of("F", "G"), s.regions().stream().map(Region::name).toList());
        assertEquals(5, s.regions().get(0).beginLine());
        assertEquals(List.of("        return 0;"), s.regions().get(1).body());
        assertEquals("F", s.regionAt(6).name());
    }

    @Test
    void splicesOnlyTheLearnersRegionsIntoThePristineFrame() throws Exception {
        String mine = PRISTINE.replace("        throw new RuntimeException();", "        int x = 1;\n        return x;");
        Submission s = parse(mine);
        s.requireSameFrame(parse(PRISTINE));
        String rebuilt = s.splicedInto(parse(PRISTINE));
        assertEquals(mine, rebuilt);
    }

    @Test
    void editOutsideTheRegionsIsRejectedWithItsLine() throws Exception {
        String mine = PRISTINE.replace("import java.util.List;", "import java.io.File;");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine).requireSameFrame(parse(PRISTINE)));
        assertTrue(e.getMessage().startsWith("A.java:2: edited outside the regions"), e.getMessage());
        assertTrue(e.getMessage().contains("import java.util.List;"), e.getMessage());
    }

    @Test
    void addedLineAfterARegionIsRejectedAtThatLine() throws Exception {
        String mine = PRISTINE.replace("        // END F\n    }", "        // END F\n        helper();\n    }")
                .replace("        throw new RuntimeException();", "        a();\n        b();");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine).requireSameFrame(parse(PRISTINE)));
        assertTrue(e.getMessage().startsWith("A.java:9: edited outside the regions"), e.getMessage());
    }

    @Test
    void removedLineIsRejected() throws Exception {
        String mine = PRISTINE.replace("import java.util.List;\n", "");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine).requireSameFrame(parse(PRISTINE)));
        assertTrue(e.getMessage().contains("edited outside the regions"), e.getMessage());
    }

    @Test
    void lineEndingsAndTrailingSpacesDoNotCount() throws Exception {
        String mine = PRISTINE.replace("class A {", "class A {   ").replace("\n", "\r\n");
        parse(mine).requireSameFrame(parse(PRISTINE));
    }

    @Test
    void missingEndMarkerIsNamed() {
        String mine = PRISTINE.replace("        // END G\n", "");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine));
        assertEquals("A.java:10: region G has no `// END G` line: put it back after your code.", e.getMessage());
    }

    @Test
    void duplicatedRegionIsNamed() {
        String mine = PRISTINE.replace("// BEGIN G", "// BEGIN F").replace("// END G", "// END F");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine));
        assertTrue(e.getMessage().startsWith("A.java:10: region F appears twice (first on line 5)"), e.getMessage());
    }

    @Test
    void beginInsideARegionIsNamed() {
        String mine = PRISTINE.replace("        // END F\n", "");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine));
        assertTrue(e.getMessage().startsWith("A.java:9: `// BEGIN G` inside region F"), e.getMessage());
    }

    @Test
    void removedRegionIsNamed() throws Exception {
        String mine = PRISTINE.replace("        // BEGIN G\n", "").replace("        // END G\n", "");
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> parse(mine).requireSameFrame(parse(PRISTINE)));
        assertTrue(e.getMessage().contains("region G is missing"), e.getMessage());
    }

    @Test
    void markerTextInsideCodeIsNotAMarker() throws Exception {
        String mine = PRISTINE.replace("        throw new RuntimeException();", "        String s = \"// END F\"; return 1;");
        parse(mine).requireSameFrame(parse(PRISTINE));
    }
}
