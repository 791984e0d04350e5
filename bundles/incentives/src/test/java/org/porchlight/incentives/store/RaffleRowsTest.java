package org.porchlight.incentives.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.incentives.Raffles.Raffle;
import org.porchlight.incentives.store.RaffleRows.Locked;
import org.porchlight.testing.TestDatabase;

/** Raffles' statements: entrants once each, sorted; the seed hidden until drawn; the list in two queries alike. */
class RaffleRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final TestDatabase database = TestDatabase.inMemory("incentives");
    private final RaffleRows rows = new RaffleRows();

    @Test
    void entrantsAreEnteredOnceAndReadSortedAndTheSeedShowsOnlyOnceDrawn() {
        UUID id = raffle("KCPD", NOW);
        database.inTransaction(c -> {
            rows.enter(c, id, List.of("b-2", "a-1", "c-3"));
            rows.enter(c, id, List.of("a-1"));
            return null;
        });

        assertThat(database.<List<String>>withConnection(c -> rows.entrants(c, id))).containsExactly("a-1", "b-2", "c-3");
        assertThat(database.<Integer>withConnection(c -> rows.count(c, id))).isEqualTo(3);
        Raffle open = find("KCPD", id, true).orElseThrow();
        assertThat(open.seed()).isNull();
        assertThat(open.commitment()).isEqualTo("commitment");
        assertThat(open.entrants()).containsExactly("a-1", "b-2", "c-3");
        assertThat(find("JCSO", id, true)).isEmpty();
        assertThat(database.<Optional<Locked>>inTransaction(c -> rows.lock(c, "KCPD", id)))
                .contains(new Locked("OPEN", "seed", 2, null));
        assertThat(database.<Long>withConnection(c -> rows.openCount(c, "KCPD"))).isEqualTo(1);

        database.inTransaction(c -> {
            rows.drawn(c, id, List.of("c-3", "a-1"), NOW.plusSeconds(60));
            return null;
        });

        Raffle drawn = find(null, id, false).orElseThrow();
        assertThat(drawn.state()).isEqualTo("DRAWN");
        assertThat(drawn.seed()).isEqualTo("seed");
        assertThat(drawn.winners()).containsExactly("c-3", "a-1");
        assertThat(drawn.entrants()).isEmpty();
        assertThat(drawn.entrantCount()).isEqualTo(3);
        assertThat(drawn.drawnAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(database.<Long>withConnection(c -> rows.openCount(c, "KCPD"))).isZero();
    }

    @Test
    void theListReadsEachRaffleAsFindingItWithoutEntrantsWould() {
        UUID older = raffle("KCPD", NOW);
        UUID newer = raffle("KCPD", NOW.plusSeconds(60));
        raffle("JCSO", NOW);
        database.inTransaction(c -> {
            rows.enter(c, older, List.of("x", "y"));
            rows.drawn(c, older, List.of("y"), NOW.plusSeconds(120));
            return null;
        });

        List<Raffle> listed = database.withConnection(c -> rows.list(c, "KCPD"));

        assertThat(listed).containsExactly(find("KCPD", newer, false).orElseThrow(), find("KCPD", older, false).orElseThrow());
        assertThat(listed.get(1).winners()).containsExactly("y");
        assertThat(listed.get(1).entrantCount()).isEqualTo(2);
    }

    private Optional<Raffle> find(String agency, UUID id, boolean withEntrants) {
        return database.withConnection(c -> rows.find(c, agency, id, withEntrants));
    }

    private UUID raffle(String agency, Instant at) {
        UUID id = UUID.randomUUID();
        database.inTransaction(c -> {
            rows.insert(c, id, agency, null, "Doorbell draw", 2, "seed", "commitment", UUID.randomUUID(), at);
            return null;
        });
        return id;
    }
}
