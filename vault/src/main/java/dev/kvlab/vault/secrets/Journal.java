package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's record format: one line per change, {@code <crc32c, 8 hex digits> <JSON>\n}. The checksum finds a
 * flipped byte; a compacted journal starts with a snapshot record that counts the records after it, which finds a
 * journal cut short at a line boundary. JSON is written with non-ASCII escaped, so a value with an unpaired
 * surrogate (valid in a Java string and in JSON, not in UTF-8) comes back byte for byte.
 */
final class Journal {
    private Journal() {
    }

    /** One intact record and its line number (1-based). */
    record Record(int number, JsonNode json) {
    }

    /** The intact records, and what was wrong with the rest (null when nothing was). */
    record Reading(List<Record> records, String damage) {
    }

    static byte[] line(ObjectNode entry) {
        byte[] json;
        try {
            json = SecretJson.MAPPER.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 10);
        out.writeBytes(String.format("%08x ", crc(json, 0, json.length)).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        out.write('\n');
        return out.toByteArray();
    }

    /** A whole compacted journal: the snapshot record, then the records. */
    static byte[] snapshot(List<ObjectNode> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectNode header = SecretJson.MAPPER.createObjectNode();
        header.put("op", "snapshot");
        header.put("records", records.size());
        out.writeBytes(line(header));
        records.forEach(r -> out.writeBytes(line(r)));
        return out.toByteArray();
    }

    /**
     * Reads every record. A last line without its newline is a write cut short by a crash: it was never acknowledged
     * and is dropped, unless the snapshot is incomplete too (then the file was cut short: damage). Lines of the
     * journal format before checksums (plain JSON) are read as they are.
     */
    static Reading read(byte[] bytes) {
        List<Record> records = new ArrayList<>();
        String damage = null;
        int start = 0;
        int number = 0;
        long expected = -1;
        int afterSnapshot = 0;
        boolean torn = false;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            number++;
            if (end < 0) {
                torn = true;
                break;
            }
            JsonNode json = parse(bytes, start, end);
            start = end + 1;
            if (json == null) {
                damage = damage != null ? damage : "record " + number + " is damaged (its checksum or JSON does not match)";
                continue;
            }
            if (number == 1 && "snapshot".equals(json.path("op").asText())) {
                expected = json.path("records").asLong(-1);
                continue;
            }
            afterSnapshot++;
            if (json.has("vault")) {
                records.add(new Record(number, json));
            }
        }
        if (damage == null && expected >= 0 && afterSnapshot < expected) {
            damage = "the journal ends after record " + (number - (torn ? 1 : 0)) + " but its snapshot holds "
                    + expected + " records (the file was cut short)";
        }
        if (damage == null && torn && expected < 0 && number == 1) {
            damage = "record 1 is cut short";
        }
        return new Reading(records, damage);
    }

    /** The record's JSON, or null when its checksum or JSON is wrong. */
    private static JsonNode parse(byte[] bytes, int start, int end) {
        try {
            int json = start;
            if (end - start > 9 && bytes[start + 8] == ' ' && bytes[start] != '{') {
                long stored = Long.parseLong(new String(bytes, start, 8, StandardCharsets.US_ASCII), 16);
                json = start + 9;
                if (stored != crc(bytes, json, end - json)) {
                    return null;
                }
            } else if (bytes[start] != '{') {
                return null;
            }
            JsonNode node = SecretJson.MAPPER.readTree(bytes, json, end - json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
