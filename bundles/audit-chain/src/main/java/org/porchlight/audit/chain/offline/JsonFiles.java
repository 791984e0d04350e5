package org.porchlight.audit.chain.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.porchlight.api.audit.AuditEntry;
import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.chain.CheckpointKey;

/**
 * Reads the files the offline verifier checks: an export of the log (streamed, entry by entry,
 * as {@code GET /api/audit/export} writes it) and checkpoints and keys as {@code GET
 * /api/audit/checkpoints} and {@code .../keys} answer (one page, or pages' arrays concatenated, or
 * a bare array). Unknown fields are skipped.
 */
final class JsonFiles {

    /** The head an export names. */
    record Head(long sequence, String hash) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private JsonFiles() {
    }

    /** Streams the export's entries to {@code visitor} (until it returns false); its head, or null if it has none. */
    static Head readLog(Path file, Predicate<AuditEntry> visitor) throws IOException {
        Head head = null;
        try (JsonParser json = JSON.createParser(Files.newInputStream(file))) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT, file);
            boolean going = true;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("head".equals(field)) {
                    Map<String, String> fields = object(json, file);
                    head = new Head(number(fields, "sequence", file), fields.get("hash"));
                } else if ("entries".equals(field)) {
                    expect(json, value, JsonToken.START_ARRAY, file);
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        AuditEntry entry = entry(object(json, file), file);
                        going = going && visitor.test(entry);
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
        return head;
    }

    /** Every checkpoint in {@code file}, and every key it lists (a checkpoints page lists them too). */
    static List<Checkpoint> readCheckpoints(Path file, List<CheckpointKey> keys) throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Map<String, String> fields : objects(file, "checkpoints", keys)) {
            checkpoints.add(new Checkpoint(number(fields, "sequence", file), fields.get("hash"), instant(fields, "at", file),
                    fields.get("keyId"), fields.get("signature")));
        }
        return checkpoints;
    }

    /** Every key in {@code file}: {@code {"keys": [...]}}, a bare array of keys, or one key. */
    static List<CheckpointKey> readKeys(Path file) throws IOException {
        List<CheckpointKey> keys = new ArrayList<>();
        List<Map<String, String>> bare = objects(file, "keys", keys);
        for (Map<String, String> fields : bare) {
            keys.add(key(fields, file));
        }
        return keys;
    }

    /**
     * The objects of the array {@code field} of the top object (or of a top-level array, or the
     * top object itself when it has no such field); a {@code keys} array on the way is added to {@code keys}.
     */
    private static List<Map<String, String>> objects(Path file, String field, List<CheckpointKey> keys) throws IOException {
        List<Map<String, String>> objects = new ArrayList<>();
        try (JsonParser json = JSON.createParser(Files.newInputStream(file))) {
            JsonToken top = json.nextToken();
            if (top == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    objects.add(object(json, file));
                }
                return objects;
            }
            expect(json, top, JsonToken.START_OBJECT, file);
            Map<String, String> scalars = new HashMap<>();
            boolean found = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (value == JsonToken.START_ARRAY && (name.equals(field) || name.equals("keys"))) {
                    found |= name.equals(field);
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> object = object(json, file);
                        if (name.equals(field)) {
                            objects.add(object);
                        } else {
                            keys.add(key(object, file));
                        }
                    }
                } else if (value.isScalarValue()) {
                    scalars.put(name, json.getValueAsString());
                } else {
                    json.skipChildren();
                }
            }
            if (!found && !scalars.isEmpty()) {
                objects.add(scalars);
            }
        }
        return objects;
    }

    /** The scalar fields of the object whose START_OBJECT was just read; nested values are skipped. */
    private static Map<String, String> object(JsonParser json, Path file) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                fields.put(name, null);
            } else if (value.isScalarValue()) {
                fields.put(name, json.getValueAsString());
            } else {
                json.skipChildren();
            }
        }
        return fields;
    }

    private static AuditEntry entry(Map<String, String> f, Path file) {
        return new AuditEntry(number(f, "sequence", file), instant(f, "at", file), f.get("actor"), f.get("tenant"),
                f.get("action"), f.get("target"), f.get("outcome"), f.get("requestId"), f.get("previousHash"), f.get("hash"));
    }

    private static CheckpointKey key(Map<String, String> f, Path file) {
        return new CheckpointKey(f.get("keyId"), f.get("algorithm"), f.get("publicKey"),
                f.get("created") == null ? null : instant(f, "created", file));
    }

    private static long number(Map<String, String> fields, String name, Path file) {
        try {
            return Long.parseLong(fields.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": \"" + name + "\" is not a whole number");
        }
    }

    private static Instant instant(Map<String, String> fields, String name, Path file) {
        try {
            return Instant.parse(fields.get(name));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": \"" + name + "\" is not an ISO-8601 time");
        }
    }

    private static void expect(JsonParser json, JsonToken actual, JsonToken expected, Path file) {
        if (actual != expected) {
            throw new IllegalArgumentException(file + ": expected " + expected.asString() + " at line "
                    + json.currentLocation().getLineNr() + ", found " + actual);
        }
    }
}
