package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the store promises every module, run against each database: per-bundle migrations with
 * their own history, applied once; transactions that write all or nothing; schemas that belong
 * to one bundle.
 */
public abstract class StorageContract extends PorchlightTestSupport {

    /** The database product the health check should report. */
    protected abstract String expectedProduct();

    @Before
    public void startFromACleanNotesSchema() throws Exception {
        for (String name : List.of(Fixtures.NOTES, Fixtures.NOTES_IMPOSTOR)) {
            Bundle b = bundle(name);
            if (b != null) {
                b.uninstall();
            }
        }
        execute("DROP SCHEMA IF EXISTS " + Fixtures.NOTES_SCHEMA + " CASCADE",
                "DELETE FROM store.schema_owner WHERE schema_name = '" + Fixtures.NOTES_SCHEMA + "'");
        http.await("/api/health", r -> r.json().path("status").asText().equals("UP"), SWAP_TIMEOUT);
    }

    @Test
    public void healthNamesTheDatabaseInUse() {
        assertEquals(expectedProduct(), http.get("/api/health").json().path("checks").path("database").path("details")
                .path("product").asText());
    }

    @Test
    public void aModulesMigrationsRunOnceInItsOwnSchemaWithItsOwnHistory() throws Exception {
        Bundle notes = install(Fixtures.notes());
        http.await("/api/itest/notes", r -> r.status() == 200, SWAP_TIMEOUT);
        List<String> history = history(Fixtures.NOTES_SCHEMA);
        assertEquals(List.of("1|create notes|true", "2|index notes by time|true"), strip(history));
        assertTrue("the store keeps its own history", query("SELECT COUNT(*) FROM store.schema_history").get(0).matches("[1-9]\\d*"));
        assertEquals(List.of(Fixtures.NOTES), query(
                "SELECT bundle_symbolic_name FROM store.schema_owner WHERE schema_name = '" + Fixtures.NOTES_SCHEMA + "'"));

        assertEquals(200, http.postJson("/api/itest/notes", "{\"text\":\"porch light was on\",\"failAfterInsert\":false}").status());

        // Applied again on restart and on update of the same bundle: nothing changes.
        notes.stop();
        notes.start();
        http.await("/api/itest/notes", r -> r.status() == 200, SWAP_TIMEOUT);
        try (var in = java.nio.file.Files.newInputStream(Fixtures.notes())) {
            notes.update(in);
        }
        Http.Response after = http.await("/api/itest/notes", r -> r.status() == 200, SWAP_TIMEOUT);
        assertEquals(history, history(Fixtures.NOTES_SCHEMA));
        assertEquals(1, after.json().size());
    }

    @Test
    public void theStoresOwnMigrationsAppliedAgainChangeNothing() throws Exception {
        List<String> before = history("store");
        Bundle store = bundle("org.porchlight.store");
        store.stop();
        store.start();
        http.await("/api/health", r -> r.json().path("status").asText().equals("UP"), SWAP_TIMEOUT);
        assertEquals(before, history("store"));
    }

    @Test
    public void aTransactionWritesAllOrNothing() throws Exception {
        install(Fixtures.notes());
        http.await("/api/itest/notes", r -> r.status() == 200, SWAP_TIMEOUT);
        Http.Response saved = http.postJson("/api/itest/notes", "{\"text\":\"gate open at 2 a.m.\",\"failAfterInsert\":false}");
        assertEquals(saved.toString(), 200, saved.status());
        assertTrue(saved.json().path("id").asLong() > 0);
        assertTrue(saved.json().path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"));

        Http.Response failed = http.postJson("/api/itest/notes", "{\"text\":\"half written\",\"failAfterInsert\":true}");
        assertEquals(500, failed.status());

        JsonNode notes = http.get("/api/itest/notes").json();
        assertEquals(1, notes.size());
        assertEquals("gate open at 2 a.m.", notes.path(0).path("text").asText());
        assertEquals(List.of("1"), query("SELECT COUNT(*) FROM itest_notes.note"));
    }

    @Test
    public void aSecondBundleCannotClaimASchemaThatBelongsToAnother() throws Exception {
        install(Fixtures.notes());
        http.await("/api/itest/notes", r -> r.status() == 200, SWAP_TIMEOUT);
        List<String> history = history(Fixtures.NOTES_SCHEMA);

        install(Fixtures.notesImpostor());
        Http.Response degraded = http.await("/api/health", r -> r.json().path("status").asText().equals("DEGRADED"), SWAP_TIMEOUT);
        String reason = degraded.json().path("reason").asText();
        assertTrue(reason, reason.contains("Schema 'itest_notes' belongs to bundle " + Fixtures.NOTES));
        assertEquals(history, history(Fixtures.NOTES_SCHEMA));
        assertEquals(200, http.get("/api/itest/notes").status());
    }

    /** version|description|success of each applied migration, in order, with the time it ran. */
    private List<String> history(String schema) throws Exception {
        return query("SELECT version || '|' || description || '|' || CAST(success AS VARCHAR) || '|' || CAST(installed_on AS VARCHAR) FROM "
                + schema + ".schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
    }

    private static List<String> strip(List<String> history) {
        List<String> stripped = new ArrayList<>();
        for (String row : history) {
            stripped.add(row.substring(0, row.lastIndexOf('|')));
        }
        return stripped;
    }

    private List<String> query(String sql) throws Exception {
        try (Connection c = primaryDataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                // H2 spells booleans TRUE, PostgreSQL true.
                rows.add(rs.getString(1).toLowerCase());
            }
            return rows;
        }
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = primaryDataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("cleanup failed", e);
        }
    }

}
