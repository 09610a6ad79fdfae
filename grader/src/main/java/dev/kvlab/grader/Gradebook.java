package dev.kvlab.grader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class's gradebook: an embedded SQLite database that keeps every run, every learner's submission and every
 * exercise's grade (with its checks) for good. A regrade asks it for a grade of the same file under the same
 * check version and copies that instead of grading again; the reports are rebuilt from it alone, and the
 * gradebooks of several shards merge into one.
 */
final class Gradebook implements AutoCloseable {
    static final String FILE = "gradebook.sqlite";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, uid TEXT UNIQUE NOT NULL, started TEXT NOT NULL,
          finished TEXT, lab_version TEXT, shard TEXT, seed INTEGER, sandbox TEXT, exercises TEXT,
          graded INTEGER DEFAULT 0, reused INTEGER DEFAULT 0, merged_from TEXT)""",
        """
        CREATE TABLE IF NOT EXISTS submissions(run_id INTEGER NOT NULL REFERENCES runs(id), learner TEXT NOT NULL,
          entry TEXT, status TEXT NOT NULL, PRIMARY KEY(run_id, learner))""",
        """
        CREATE TABLE IF NOT EXISTS grades(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
          learner TEXT NOT NULL, exercise TEXT NOT NULL, file_hash TEXT, check_version TEXT NOT NULL, seed INTEGER,
          status TEXT NOT NULL, score INTEGER NOT NULL, max_score INTEGER NOT NULL, problem TEXT, report TEXT NOT NULL,
          source TEXT, graded_at TEXT NOT NULL, reused_from INTEGER REFERENCES grades(id))""",
        "CREATE INDEX IF NOT EXISTS grades_by_file ON grades(learner, exercise, file_hash, check_version)",
        """
        CREATE TABLE IF NOT EXISTS checks(grade_id INTEGER NOT NULL REFERENCES grades(id), position INTEGER NOT NULL,
          name TEXT NOT NULL, task INTEGER, status TEXT NOT NULL, message TEXT, PRIMARY KEY(grade_id, position))""",
    };

    /** One run as the gradebook keeps it. */
    record Run(long id, String uid, String started, String finished, String labVersion, String shard, long seed,
            String sandbox, String exercises, int graded, int reused) {}

    /** One exercise's grade of one learner. */
    record Grade(long id, long runId, String learner, String exercise, String fileHash, String checkVersion,
            long seed, Report report, int maxScore, String source, String gradedAt, Long reusedFrom) {
        int score() {
            return report.score();
        }

        boolean reused() {
            return reusedFrom != null;
        }
    }

    /** A learner as of the latest run that included them: the submission's status and the grades, by exercise. */
    record Learner(String name, String entry, String status, long runId, Map<String, Grade> grades) {}

    private final Connection db;

    private Gradebook(Connection db) {
        this.db = db;
    }

    static Gradebook open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            return new Gradebook(db);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the gradebook " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized long startRun(String uid, String started, String labVersion, String shard, long seed, String sandbox,
            String exercises) {
        return update("INSERT INTO runs(uid, started, lab_version, shard, seed, sandbox, exercises) "
                + "VALUES(?,?,?,?,?,?,?)", uid, started, labVersion, shard, seed, sandbox, exercises);
    }

    synchronized void finishRun(long runId, String finished, int graded, int reused) {
        update("UPDATE runs SET finished=?, graded=?, reused=? WHERE id=?", finished, graded, reused, runId);
    }

    synchronized void recordSubmission(long runId, String learner, String entry, String status) {
        update("INSERT OR REPLACE INTO submissions(run_id, learner, entry, status) VALUES(?,?,?,?)",
                runId, learner, entry, status);
    }

    /** The latest grade of this very file under this check version, if any run graded it (not merely copied it). */
    synchronized Grade reusable(String learner, String exercise, String fileHash, String checkVersion) {
        List<Grade> found = grades("WHERE learner=? AND exercise=? AND file_hash=? AND check_version=? "
                + "ORDER BY id DESC LIMIT 1", learner, exercise, fileHash, checkVersion);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Stores a grade and its checks; returns its id. */
    synchronized long record(long runId, String learner, String exercise, String fileHash, String checkVersion,
            long seed, Report report, int maxScore, String source, String gradedAt, Long reusedFrom) {
        try {
            db.setAutoCommit(false);
            long id = update("INSERT INTO grades(run_id, learner, exercise, file_hash, check_version, seed, status, "
                    + "score, max_score, problem, report, source, graded_at, reused_from) "
                    + "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", runId, learner, exercise, fileHash, checkVersion, seed,
                    report.status(), report.score(), maxScore, report.problem(), JSON.writeValueAsString(report),
                    source, gradedAt, reusedFrom);
            int position = 0;
            for (CheckResult r : report.results()) {
                update("INSERT INTO checks(grade_id, position, name, task, status, message) VALUES(?,?,?,?,?,?)",
                        id, position++, r.name(), r.task(), r.status().name(), r.message());
            }
            db.commit();
            return id;
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            rollback();
            throw new IllegalStateException("cannot write to the gradebook: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    synchronized List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id, uid, started, finished, lab_version, shard, seed, "
                + "sandbox, exercises, graded, reused FROM runs ORDER BY started, id");
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                runs.add(new Run(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getLong(7), r.getString(8), r.getString(9), r.getInt(10), r.getInt(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the gradebook: " + e.getMessage(), e);
        }
        return runs;
    }

    /** Every learner as of the latest run that included them, by name. */
    synchronized List<Learner> learners() {
        Map<String, Learner> latest = new LinkedHashMap<>();
        String sql = "SELECT s.learner, s.entry, s.status, s.run_id FROM submissions s JOIN runs r ON r.id = s.run_id "
                + "ORDER BY r.started, r.id";
        try (PreparedStatement q = db.prepareStatement(sql); ResultSet r = q.executeQuery()) {
            while (r.next()) {
                latest.put(r.getString(1), new Learner(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                        new LinkedHashMap<>()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the gradebook: " + e.getMessage(), e);
        }
        for (Learner l : latest.values()) {
            for (Grade g : grades("WHERE run_id=? AND learner=? ORDER BY id", l.runId(), l.name())) {
                l.grades().put(g.exercise(), g);
            }
        }
        return latest.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Every grade of a run (to assert what a run did). */
    synchronized List<Grade> gradesOf(long runId) {
        return grades("WHERE run_id=? ORDER BY id", runId);
    }

    /**
     * Copies every run of {@code other} that this gradebook does not hold yet (runs are known by their uid), with
     * its submissions, grades and checks; returns how many runs it copied.
     */
    synchronized int merge(Path other) {
        try {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                s.execute("ATTACH DATABASE '" + other.toAbsolutePath().toString().replace("'", "''") + "' AS shard");
            }
            int copied = 0;
            List<long[]> runIds = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT id FROM shard.runs WHERE uid NOT IN (SELECT uid FROM main.runs) ORDER BY started, id");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    runIds.add(new long[] {r.getLong(1)});
                }
            }
            for (long[] run : runIds) {
                long id = update("INSERT INTO main.runs(uid, started, finished, lab_version, shard, seed, sandbox, "
                        + "exercises, graded, reused, merged_from) SELECT uid, started, finished, lab_version, shard, "
                        + "seed, sandbox, exercises, graded, reused, ? FROM shard.runs WHERE id=?",
                        other.toString(), run[0]);
                update("INSERT INTO main.submissions(run_id, learner, entry, status) "
                        + "SELECT ?, learner, entry, status FROM shard.submissions WHERE run_id=?", id, run[0]);
                List<Long> old = new ArrayList<>();
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT id FROM shard.grades WHERE run_id=? ORDER BY id")) {
                    q.setLong(1, run[0]);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            old.add(r.getLong(1));
                        }
                    }
                }
                for (long g : old) {
                    // reused_from names the shard's own ids, meaningless here: the copy carries the whole grade
                    long ng = update("INSERT INTO main.grades(run_id, learner, exercise, file_hash, check_version, "
                            + "seed, status, score, max_score, problem, report, source, graded_at, reused_from) "
                            + "SELECT ?, learner, exercise, file_hash, check_version, seed, status, score, max_score, problem, "
                            + "report, source, graded_at, NULL FROM shard.grades WHERE id=?", id, g);
                    update("INSERT INTO main.checks(grade_id, position, name, task, status, message) "
                            + "SELECT ?, position, name, task, status, message FROM shard.checks WHERE grade_id=?",
                            ng, g);
                }
                copied++;
            }
            db.commit();
            return copied;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw new IllegalStateException("cannot merge " + other + ": " + e.getMessage(), e);
        } finally {
            autoCommit();
            try (Statement s = db.createStatement()) {
                s.execute("DETACH DATABASE shard");
            } catch (SQLException ignored) {
                // not attached: the merge failed before
            }
        }
    }

    /** Rows of a table, for tests and the report: each row a list of its columns' values. */
    synchronized List<List<Object>> rows(String sql, Object... args) {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement q = prepare(sql, args); ResultSet r = q.executeQuery()) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the gradebook: " + e.getMessage(), e);
        }
        return rows;
    }

    private List<Grade> grades(String where, Object... args) {
        List<Grade> grades = new ArrayList<>();
        try (PreparedStatement q = prepare("SELECT id, run_id, learner, exercise, file_hash, check_version, seed, "
                + "report, source, graded_at, reused_from, max_score FROM grades " + where, args);
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                Report report = JSON.readValue(r.getString(8), Report.class);
                long reused = r.getLong(11);
                Long reusedFrom = r.wasNull() ? null : reused; // wasNull speaks of the last column read
                grades.add(new Grade(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getLong(7), report, r.getInt(12), r.getString(9), r.getString(10),
                        reusedFrom));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the gradebook: " + e.getMessage(), e);
        }
        return grades;
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
        return p;
    }

    private long update(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args)) {
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the gradebook: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // nothing to undo
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is gone; the next call says so
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing twice, or the file vanished: nothing left to keep
        }
    }
}
