package org.porchlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    @Test
    void aFailedStatementIsNamedWithItsSqlStateNotTheDatabasesMessageWhichCanQuoteRows() {
        FlywayException failed = new FlywayException("Migration V3__tag_notes.sql failed\n-----------\nSQL State  : 23505\n",
                new SQLException("Unique index or primary key violation: VALUES ('someone@example.org')", "23505", 23505));
        assertThat(SchemaMigrations.reason(failed))
                .isEqualTo("Migration V3__tag_notes.sql failed (SQL state 23505, error 23505)")
                .doesNotContain("someone");
    }

    @Test
    void aFailedValidationSaysWhatFailed() {
        FlywayException invalid = new FlywayException("Validate failed: Migrations have failed validation\n"
                + "Detected failed migration to version 3 (tag notes broken).\nPlease remove any half-completed changes then run repair");
        assertThat(SchemaMigrations.reason(invalid))
                .isEqualTo("Validate failed: Migrations have failed validation: Detected failed migration to version 3 (tag notes broken).");
    }
}
