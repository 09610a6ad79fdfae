package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.kvlab.vault.secrets.JournalDamagedException;
import dev.kvlab.vault.secrets.SecretJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a data directory every acknowledged change survives a restart and a kill -9. */
class PersistenceTest {
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    VaultService open(VaultClock clock) {
        return VaultService.builder().clock(clock).dataDir(dir).build();
    }

    @Test
    void everyChangeSurvivesARestart() {
        VaultClock clock = VaultClock.fixed(START);
        String v1;
        String v2;
        String blob;
        try (VaultService first = open(clock)) {
            ServiceCalls c = new ServiceCalls(first);
            v1 = c.set("kept", "one");
            v2 = c.set("kept", "two");
            c.patch("/secrets/kept/" + v1, "{\"contentType\":\"text/plain\",\"attributes\":{\"enabled\":false}}");
            c.set("binned", "x");
            c.delete("/secrets/binned");
            c.delete("/secrets/openai-api-key");
            c.post("/deletedsecrets/openai-api-key/recover", null);
            c.delete("/secrets/cosmosdb-connection-string");
            c.delete("/deletedsecrets/cosmosdb-connection-string");
            blob = c.post("/secrets/kept/backup", null).json().get("value").asText();
        }
        try (VaultService second = open(clock)) {
            ServiceCalls c = new ServiceCalls(second);
            assertEquals("two", c.get("/secrets/kept/").json().get("value").asText());
            assertTrue(c.get("/secrets/kept/").json().get("id").asText().endsWith(v2));
            assertEquals("SecretDisabled", c.get("/secrets/kept/" + v1).innerCode());
            assertEquals("text/plain", c.get("/secrets/kept/versions").json().get("value").get(0)
                    .get("contentType").asText());
            assertEquals(200, c.get("/deletedsecrets/binned").status());
            assertEquals(200, c.get("/secrets/openai-api-key/").status());
            assertEquals(404, c.get("/secrets/cosmosdb-connection-string/").status(), "not seeded again");
            assertEquals(404, c.get("/deletedsecrets/cosmosdb-connection-string").status());
            // the backup key is kept too, so a backup taken before the restart restores after it
            c.delete("/secrets/kept");
            c.delete("/deletedsecrets/kept");
            assertEquals(200, c.post("/secrets/restore", "{\"value\":\"" + blob + "\"}").status());
        }
        try (VaultService third = open(clock)) {
            assertEquals("two", new ServiceCalls(third).get("/secrets/kept/").json().get("value").asText());
        }
    }

    @Test
    void aScheduledPurgeStillHappensAfterARestart() {
        VaultClock clock = VaultClock.fixed(START);
        try (VaultService first = open(clock)) {
            new ServiceCalls(first).delete("/secrets/openai-api-key");
        }
        clock.advance(Duration.ofDays(91));
        try (VaultService second = open(clock)) {
            assertEquals(404, new ServiceCalls(second).get("/deletedsecrets/openai-api-key").status());
        }
    }

    @Test
    void resetIsPersistedToo() {
        VaultClock clock = VaultClock.fixed(START);
        try (VaultService first = open(clock)) {
            new ServiceCalls(first).set("temporary", "t");
            first.reset();
        }
        try (VaultService second = open(clock)) {
            assertEquals(404, new ServiceCalls(second).get("/secrets/temporary/").status());
            assertEquals(200, new ServiceCalls(second).get("/secrets/openai-api-key/").status());
        }
    }

    @Test
    void aTornLastLineIsDroppedAndTheRestKept() throws Exception {
        VaultClock clock = VaultClock.fixed(START);
        try (VaultService first = open(clock)) {
            new ServiceCalls(first).set("whole", "w");
        }
        Files.writeString(dir.resolve("secrets.journal"), "{\"op\":\"put\",\"vault\":\"kvlab\",\"na",
                StandardOpenOption.APPEND);
        try (VaultService second = open(clock)) {
            assertEquals("w", new ServiceCalls(second).get("/secrets/whole/").json().get("value").asText());
        }
    }

    /** A journal of {@code count} secrets written by one run (then compacted by a second start). */
    private Path journalOf(int count) {
        VaultClock clock = VaultClock.fixed(START);
        try (VaultService first = VaultService.builder().clock(clock).dataDir(dir).seed(Seed.NONE).build()) {
            ServiceCalls c = new ServiceCalls(first);
            for (int i = 0; i < count; i++) {
                c.set("secret-" + i, "value-" + i);
            }
        }
        try (VaultService compacting = VaultService.builder().clock(clock).dataDir(dir).seed(Seed.NONE).build()) {
            assertEquals(count, new ServiceCalls(compacting).get("/secrets?maxresults=25").status() == 200 ? count : -1);
        }
        return dir.resolve("secrets.journal");
    }

    private JournalDamagedException refusedToStart() {
        JournalDamagedException e = assertThrows(JournalDamagedException.class,
                () -> VaultService.builder().clock(VaultClock.fixed(START)).dataDir(dir).seed(Seed.NONE).build());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getMessage().contains(dir.resolve("secrets.journal").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--recover"), e.getMessage());
        return e;
    }

    private VaultService recovering() {
        return VaultService.builder().clock(VaultClock.fixed(START)).dataDir(dir).seed(Seed.NONE).recoverJournal(true)
                .build();
    }

    private static int count(VaultService service) {
        int found = 0;
        for (int i = 0; i < 40; i++) {
            found += new ServiceCalls(service).get("/secrets/secret-" + i + "/").status() == 200 ? 1 : 0;
        }
        return found;
    }

    @Test
    void aFlippedByteStopsTheStartNamingTheRecordAndRecoverKeepsTheRest() throws Exception {
        Path journal = journalOf(40);
        byte[] bytes = Files.readAllBytes(journal);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("value-17");
        bytes[at + 6] = (byte) '9'; // value-17 -> value-97: still valid JSON, only the checksum can tell
        Files.write(journal, bytes);
        JournalDamagedException e = refusedToStart();
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(e.getMessage().contains("record " + line), e.getMessage());
        assertTrue(Arrays.equals(bytes, Files.readAllBytes(journal)), "refusing changes nothing");
        try (VaultService recovered = recovering()) {
            assertEquals(39, count(recovered), "every intact record is kept");
            assertEquals(404, new ServiceCalls(recovered).get("/secrets/secret-17/").status());
            Path aside = recovered.damagedJournal();
            assertTrue(aside.getFileName().toString().startsWith("secrets.journal.damaged-"), aside.toString());
            assertTrue(Arrays.equals(bytes, Files.readAllBytes(aside)), "the damaged file is kept as it was");
        }
        try (VaultService again = VaultService.builder().clock(VaultClock.fixed(START)).dataDir(dir).build()) {
            assertEquals(39, count(again), "the recovered journal starts cleanly");
        }
    }

    @Test
    void aJournalCutShortStopsTheStart() throws Exception {
        Path journal = journalOf(40);
        byte[] bytes = Files.readAllBytes(journal);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int cut = text.indexOf("secret-20"); // mid-record, as a copy that stopped half way would leave it
        Files.write(journal, Arrays.copyOf(bytes, cut));
        refusedToStart();
        int lineEnd = text.lastIndexOf('\n', cut) + 1; // at a record boundary: only the snapshot's count tells
        Files.write(journal, Arrays.copyOf(bytes, lineEnd));
        JournalDamagedException e = refusedToStart();
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        int kept = (int) text.substring(0, lineEnd).chars().filter(c -> c == '\n').count() - 1; // less the snapshot
        try (VaultService recovered = recovering()) {
            assertEquals(kept, count(recovered));
            assertTrue(Files.exists(recovered.damagedJournal()));
        }
    }

    @Test
    void anUnpairedSurrogateSurvivesARestartByteForByte() throws Exception {
        VaultClock clock = VaultClock.fixed(START);
        String value = "lone \ud800 high, lone \udfff low, pair \ud83d\udd11, nul \u0000 and \u00e9";
        try (VaultService first = open(clock)) {
            ServiceCalls c = new ServiceCalls(first);
            // as JSON carries it: \\ud800 escapes (a lone surrogate has no UTF-8 form)
            String body = SecretJson.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsString(SecretJson.MAPPER.createObjectNode().put("value", value));
            assertEquals(200, c.put("/secrets/odd", body).status());
            assertEquals(value, c.get("/secrets/odd/").json().get("value").asText());
        }
        try (VaultService second = open(clock)) {
            assertEquals(value, new ServiceCalls(second).get("/secrets/odd/").json().get("value").asText());
        }
        try (VaultService third = open(clock)) { // and through a compaction
            assertEquals(value, new ServiceCalls(third).get("/secrets/odd/").json().get("value").asText());
        }
    }

    @Test
    void aNewDataFolderIsTheOwnersOnlyAndNoTemporaryFileIsEverWorldReadable() throws Exception {
        Path fresh = dir.resolve("new-folder");
        Files.writeString(Files.createDirectories(fresh.getParent()).resolve("placeholder"), "");
        try (VaultService s = VaultService.builder().dataDir(fresh).build()) {
            new ServiceCalls(s).set("private", "p");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        // a leftover temporary file of a crashed compaction, world-readable: replaced, not reused
        Path leftover = fresh.resolve("secrets.journal.tmp");
        Files.writeString(leftover, "old");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-r--r--"));
        try (VaultService s = VaultService.builder().dataDir(fresh).build()) {
            assertEquals(200, new ServiceCalls(s).get("/secrets/private/").status());
        }
        assertFalse(Files.exists(leftover));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh.resolve("secrets.journal"))));
    }

    @Test
    void theFilesAreReadableByTheirOwnerOnly() throws Exception {
        try (VaultService s = open(VaultClock.fixed(START))) {
            new ServiceCalls(s).set("private", "p");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("secrets.journal"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("backup.key"))));
        assertFalse(Files.exists(dir.resolve("secrets.journal.tmp")));
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                JournalWriter.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        int acked = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acked = Integer.parseInt(line.substring(6));
                    if (acked >= 150) {
                        break;
                    }
                }
            }
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acked >= 150, "the writer acknowledged " + acked + " writes");
        try (VaultService after = open(VaultClock.system())) {
            ServiceCalls c = new ServiceCalls(after);
            for (int i = 0; i <= acked; i++) {
                assertEquals(200, c.get("/secrets/s" + i + "/").status(), "acknowledged write s" + i);
            }
            List<String> values = List.of(c.get("/secrets/s" + acked + "/").json().get("value").asText());
            assertEquals(List.of("value-" + acked), values);
        }
    }

    /** Writes secrets to a data directory, printing "acked N" after each answer, until it is killed. */
    public static final class JournalWriter {
        public static void main(String[] args) {
            VaultService service = VaultService.builder().dataDir(Path.of(args[0]))
                    .throttleLimits(1_000_000, 1_000_000).build();
            ServiceCalls c = new ServiceCalls(service);
            for (int i = 0; ; i++) {
                c.set("s" + i, "value-" + i);
                System.out.println("acked " + i);
                System.out.flush();
            }
        }
    }
}
