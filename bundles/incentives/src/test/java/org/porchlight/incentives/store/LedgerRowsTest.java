package org.porchlight.incentives.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.incentives.Ledger.Balance;
import org.porchlight.incentives.Ledger.Entry;
import org.porchlight.incentives.Ledger.Kind;
import org.porchlight.testing.TestDatabase;

/** The ledger's statements: the head is made on first use and moves with every entry; entries newest first. */
class LedgerRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final TestDatabase database = TestDatabase.inMemory("incentives");
    private final LedgerRows rows = new LedgerRows();

    @Test
    void theHeadStartsAtNoneAndMovesWithEachEntryAsTheSumDoes() {
        assertThat(database.<Long>withConnection(c -> rows.headBalance(c, "KCPD"))).isZero();
        assertThat(database.<Long>inTransaction(c -> rows.lockHead(c, "KCPD"))).isZero();

        Entry earned = entry(Kind.EARNED, 5, null, NOW);
        Entry redeemed = entry(Kind.REDEEMED, -2, "r", NOW.plusSeconds(1));
        Entry adjusted = entry(Kind.ADJUSTED, 1, "a", NOW.plusSeconds(2));
        for (Entry e : List.of(earned, redeemed, adjusted)) {
            database.inTransaction(c -> {
                rows.lockHead(c, "KCPD");
                rows.append(c, "KCPD", e);
                return null;
            });
        }

        assertThat(database.<Long>withConnection(c -> rows.headBalance(c, "KCPD"))).isEqualTo(4);
        assertThat(database.<Long>inTransaction(c -> rows.lockHead(c, "KCPD"))).isEqualTo(4);
        assertThat(database.<Balance>withConnection(c -> rows.balance(c, "KCPD"))).isEqualTo(new Balance("KCPD", 4, 5, -2, 1));
        assertThat(database.<Balance>withConnection(c -> rows.balance(c, "JCSO"))).isEqualTo(new Balance("JCSO", 0, 0, 0, 0));
        assertThat(database.<List<Entry>>withConnection(c -> rows.entries(c, "KCPD", 10)))
                .containsExactly(adjusted, redeemed, earned);
        assertThat(database.<List<Entry>>withConnection(c -> rows.entries(c, "KCPD", 1))).containsExactly(adjusted);
    }

    private static Entry entry(Kind kind, int units, String reason, Instant at) {
        return new Entry(UUID.randomUUID(), kind, units, null, kind == Kind.EARNED ? "per-signups" : null, null, reason,
                "system", at);
    }
}
