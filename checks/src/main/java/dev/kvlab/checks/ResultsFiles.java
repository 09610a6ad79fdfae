package dev.kvlab.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a report for machines: {@code results.json} in the Exercism test-runner format (version 3, plus
 * Gradescope's {@code score}/{@code max_score}) and {@code TEST-<exercise>.xml} in JUnit's XML format for CI.
 * Files are replaced atomically, so a reader never sees half a file.
 */
public final class ResultsFiles {
    /** Exercism caps what a test printed at 500 characters. */
    public static final int OUTPUT_CAP = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFiles() {}

    /** Writes both files into {@code dir} (created if missing). */
    public static void write(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            replace(dir.resolve("results.json"), JSON.writeValueAsString(json(report)) + "\n");
            replace(dir.resolve("TEST-" + report.exercise() + ".xml"), junitXml(report));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results to " + dir + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode json(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        root.put("status", report.status());
        String message = report.problem() != null ? report.problem()
                : report.passed() ? null : report.score() + " of " + report.maxScore() + " checks passed";
        if (message != null) {
            root.put("message", message);
        }
        ArrayNode tests = root.putArray("tests");
        for (CheckResult r : report.results()) {
            ObjectNode t = tests.addObject();
            t.put("name", r.name());
            t.put("status", r.status().exercism());
            if (r.message() != null) {
                t.put("message", r.status() == CheckResult.Status.FAIL && r.task() > 0
                        ? r.message() + "\nsee task " + r.task() + ": docs/" + report.exercise() + ".md#" + r.task()
                        : r.message());
            }
            if (r.output() != null && !r.output().isEmpty()) {
                t.put("output", cap(r.output()));
            }
            if (r.task() > 0) {
                t.put("task_id", r.task());
            }
        }
        root.put("score", report.score());
        root.put("max_score", report.maxScore());
        root.put("seed", report.seed());
        return root;
    }

    static String cap(String output) {
        return output.length() <= OUTPUT_CAP ? output : output.substring(0, OUTPUT_CAP - 3) + "...";
    }

    static String junitXml(Report report) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            long failures = report.results().stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
            long errors = report.results().stream()
                    .filter(r -> r.status() == CheckResult.Status.ERROR || r.status() == CheckResult.Status.NOT_RUN)
                    .count() + (report.problem() != null ? 1 : 0);
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "kvlab.check." + report.exercise());
            x.writeAttribute("tests", String.valueOf(report.results().size() + (report.problem() != null ? 1 : 0)));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", String.valueOf(errors));
            x.writeAttribute("skipped", "0");
            x.writeStartElement("properties");
            property(x, "file", report.file());
            property(x, "seed", String.valueOf(report.seed()));
            x.writeEndElement();
            if (report.problem() != null) {
                testcase(x, report.exercise(), "the file compiles and keeps the exercise's frame", "error",
                        report.problem(), null);
            }
            for (CheckResult r : report.results()) {
                String kind = switch (r.status()) {
                    case PASS -> null;
                    case FAIL -> "failure";
                    case ERROR, NOT_RUN -> "error";
                };
                String message = r.message() == null ? "" : r.message();
                if (r.status() == CheckResult.Status.FAIL && r.task() > 0) {
                    message += "\nsee task " + r.task() + ": docs/" + report.exercise() + ".md#" + r.task();
                }
                testcase(x, report.exercise(), r.name(), kind, message, r.output());
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text + "\n";
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value == null ? "" : value);
    }

    private static void testcase(XMLStreamWriter x, String exercise, String name, String kind, String message,
            String output) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "kvlab.check." + exercise);
        x.writeAttribute("name", name);
        if (kind != null) {
            x.writeStartElement(kind);
            x.writeAttribute("message", message.lines().findFirst().orElse(""));
            x.writeCharacters(message);
            x.writeEndElement();
        }
        if (output != null && !output.isEmpty()) {
            x.writeStartElement("system-out");
            x.writeCharacters(cap(output));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".results", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(content);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
