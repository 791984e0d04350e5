package org.porchlight.audit.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import jakarta.ws.rs.core.StreamingOutput;

import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.store.Database;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.AuditTables.ChainHead;

/**
 * The whole chain as one JSON document, streamed (never held in memory), in the form that
 * {@code bin/porchlight verify-audit --log} reads: {@code format}, {@code exportedAt}, the
 * {@code head} read first, then every entry up to it in sequence order. Entry fields are those of
 * {@link AuditEntry}, times as ISO-8601 in UTC; a missing tenant or request id is {@code null}.
 */
final class LogExport implements StreamingOutput {

    /** Names this document's form. */
    static final String FORMAT = "porchlight-audit-export-v1";

    private static final JsonFactory JSON = new JsonFactory();

    private final Database database;

    LogExport(Database database) {
        this.database = database;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(output, JsonEncoding.UTF8)) {
            database.inTransaction(c -> {
                // The head first: every entry up to it is committed, so the export is one consistent chain.
                ChainHead head = AuditTables.head(c);
                start(json, head);
                AuditTables.forEach(c, 0, head.sequence(), entry -> write(json, entry));
                end(json);
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void start(JsonGenerator json, ChainHead head) {
        try {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeStringField("exportedAt", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
            json.writeObjectFieldStart("head");
            json.writeNumberField("sequence", head.sequence());
            json.writeStringField("hash", head.hash());
            json.writeEndObject();
            json.writeArrayFieldStart("entries");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void end(JsonGenerator json) {
        try {
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean write(JsonGenerator json, AuditEntry entry) {
        try {
            json.writeStartObject();
            json.writeNumberField("sequence", entry.sequence());
            json.writeStringField("at", entry.at() == null ? null : entry.at().toString());
            json.writeStringField("actor", entry.actor());
            json.writeStringField("tenant", entry.tenant());
            json.writeStringField("action", entry.action());
            json.writeStringField("target", entry.target());
            json.writeStringField("outcome", entry.outcome());
            json.writeStringField("requestId", entry.requestId());
            json.writeStringField("previousHash", entry.previousHash());
            json.writeStringField("hash", entry.hash());
            json.writeEndObject();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: the transaction ends, nothing to undo
        }
    }
}
