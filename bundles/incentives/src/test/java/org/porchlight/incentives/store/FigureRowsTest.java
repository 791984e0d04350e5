package org.porchlight.incentives.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveFigures.Programme;
import org.porchlight.incentives.Ledger.Entry;
import org.porchlight.incentives.Ledger.Kind;
import org.porchlight.incentives.store.FigureRows.Attributed;
import org.porchlight.incentives.store.FigureRows.LedgerMove;
import org.porchlight.testing.TestDatabase;

/** What the public and press see: each campaign with what its raffles gave away, and a period's attributions and moves. */
class FigureRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final TestDatabase database = TestDatabase.inMemory("incentives");
    private final FigureRows rows = new FigureRows();
    private final LedgerRows ledger = new LedgerRows();

    @Test
    void aProgrammeShowsWhatItsRafflesGaveAwayAndAPeriodItsAttributionsAndMoves() {
        UUID campaign = campaign("KCPD", "Porch lights");
        attribution(campaign, "PENDING", NOW, null);
        attribution(campaign, "COUNTED", NOW.minusSeconds(3600), NOW.plusSeconds(1));
        attribution(campaign, "COUNTED", NOW.minusSeconds(90_000), NOW.minusSeconds(86_000)); // before the period
        append(new Entry(UUID.randomUUID(), Kind.EARNED, 5, campaign, "per-signups", null, null, "system", NOW));
        append(new Entry(UUID.randomUUID(), Kind.REDEEMED, -3, campaign, null, UUID.randomUUID(), null, "someone", NOW));
        append(new Entry(UUID.randomUUID(), Kind.ADJUSTED, 2, null, null, null, "found", "someone", NOW));

        assertThat(database.<List<Programme>>withConnection(c -> rows.programmes(c, "KCPD")))
                .containsExactly(new Programme(campaign, "Porch lights", "Acme", 0, 0, 3, NOW));
        assertThat(database.<List<Programme>>withConnection(c -> rows.programmes(c, "JCSO"))).isEmpty();
        Instant from = NOW.minusSeconds(7200);
        Instant to = NOW.plusSeconds(7200);
        assertThat(database.<List<Attributed>>withConnection(c -> rows.attributed(c, "KCPD", from, to)))
                .containsExactlyInAnyOrder(new Attributed(NOW, "PENDING"), new Attributed(NOW.minusSeconds(3600), "COUNTED"));
        assertThat(database.<List<Instant>>withConnection(c -> rows.counted(c, "KCPD", from, to)))
                .containsExactly(NOW.plusSeconds(1));
        assertThat(database.<List<LedgerMove>>withConnection(c -> rows.ledger(c, "KCPD", from, to)))
                .containsExactlyInAnyOrder(new LedgerMove(NOW, "EARNED", 5, "Porch lights"),
                        new LedgerMove(NOW, "REDEEMED", -3, "Porch lights"), new LedgerMove(NOW, "ADJUSTED", 2, null));
        assertThat(database.<List<LedgerMove>>withConnection(c -> rows.ledger(c, "JCSO", from, to))).isEmpty();
    }

    private void append(Entry entry) {
        database.inTransaction(c -> {
            ledger.lockHead(c, "KCPD");
            ledger.append(c, "KCPD", entry);
            return null;
        });
    }

    private UUID campaign(String agency, String name) {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO incentives.campaign (id, agency_code, name, partner, rule, created_by, created_at) "
                + "VALUES (?, ?, ?, 'Acme', 'per-signups', ?, ?)", id, agency, name, UUID.randomUUID(), Timestamp.from(NOW));
        sql("INSERT INTO incentives.referral_code (code, campaign_id, agency_code, starts_at, ends_at, created_at) "
                + "VALUES ('PORCH', ?, ?, ?, ?, ?)", id, agency, Timestamp.from(NOW.minusSeconds(100_000)),
                Timestamp.from(NOW.plusSeconds(100_000)), Timestamp.from(NOW));
        return id;
    }

    private void attribution(UUID campaign, String state, Instant at, Instant countedAt) {
        sql("INSERT INTO incentives.attribution (account_id, code, campaign_id, agency_code, attributed_at, at_sign_up, state, "
                + "counted_at) VALUES (?, 'PORCH', ?, 'KCPD', ?, TRUE, ?, ?)", UUID.randomUUID(), campaign, Timestamp.from(at),
                state, countedAt == null ? null : Timestamp.from(countedAt));
    }

    private void sql(String sql, Object... values) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                return s.executeUpdate();
            }
        });
    }
}
