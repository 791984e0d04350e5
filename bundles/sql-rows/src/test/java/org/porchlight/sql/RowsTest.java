package org.porchlight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestDatabase;

/** The row helpers read what a statement finds in its order, and keep a missing instant missing both ways. */
class RowsTest {

    private final TestDatabase database = new TestDatabase(h2(), "rows");

    @Test
    void listReadsEveryRowInTheStatementsOrderAndFirstOnlyTheFirst() {
        List<Integer> all = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT x FROM (VALUES (1), (2), (3)) AS t(x) ORDER BY x DESC")) {
                return Rows.list(s, rs -> rs.getInt(1));
            }
        });
        Optional<Integer> none = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT x FROM (VALUES (1), (2), (3)) AS t(x) WHERE x > 3")) {
                return Rows.first(s, rs -> rs.getInt(1));
            }
        });
        long count = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (VALUES (1), (2), (3)) AS t(x)")) {
                return Rows.single(s);
            }
        });

        assertThat(all).containsExactly(3, 2, 1);
        assertThat(none).isEmpty();
        assertThat(count).isEqualTo(3);
        assertThat(Rows.marks(3)).isEqualTo("?, ?, ?");
    }

    @Test
    void anInstantSurvivesTheRoundTripAndNullStaysNull() {
        Instant at = Instant.parse("2026-03-01T10:15:30.123Z");
        List<Instant> read = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP)")) {
                s.setTimestamp(1, Rows.timestamp(at));
                s.setTimestamp(2, Rows.timestamp(null));
                return Rows.list(s, rs -> Rows.instant(rs, 1).equals(at) && Rows.instant(rs, 2) == null ? at : null);
            }
        });

        assertThat(read).containsExactly(at);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rows;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        return h2;
    }
}
