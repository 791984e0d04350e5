package org.porchlight.requests.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.requests.store.StoreFixtures.NOW;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.requests.WitnessLinks.WitnessLink;
import org.porchlight.requests.store.WitnessLinkRows.Link;
import org.porchlight.testing.TestDatabase;

/** A witness link is found only by its token's hash, never takes more files than it allows, and goes once expired. */
class WitnessLinkRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("requests");
    private final WitnessLinkRows rows = new WitnessLinkRows();

    @Test
    void aLinkIsFoundByItsTokensHashAndListedWithoutIt() {
        WitnessLink link = open("KCPD", "2026-1", "hash-1", 2);
        open("KCPD", "2026-2", "hash-2", 2);

        Link found = database.<Optional<Link>>withConnection(c -> rows.byToken(c, "hash-1")).orElseThrow();
        assertThat(found).isEqualTo(new Link(link.id(), "KCPD", "2026-1", link.expiresAt(), 2, 1_000, 0, null));
        assertThat(database.<Optional<Link>>withConnection(c -> rows.byToken(c, "unknown"))).isEmpty();
        assertThat(database.<List<WitnessLink>>withConnection(c -> rows.list(c, "KCPD", "2026-1")))
                .containsExactly(new WitnessLink(link.id(), "2026-1", NOW, link.expiresAt(), 2, 1_000, 0, null, null));
        assertThat(database.<List<WitnessLink>>withConnection(c -> rows.list(c, "KCPD", null))).hasSize(2);
        assertThat(database.<List<WitnessLink>>withConnection(c -> rows.list(c, "OPPD", null))).isEmpty();
    }

    @Test
    void slotsAreTakenUpToTheLimitAndGivenBackNeverBelowNone() {
        WitnessLink link = open("KCPD", "2026-1", "hash-1", 2);

        assertThat(database.<Boolean>inTransaction(c -> rows.takeSlot(c, link.id()))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> rows.takeSlot(c, link.id()))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> rows.takeSlot(c, link.id()))).isFalse();
        database.inTransaction(c -> {
            rows.giveBack(c, link.id());
            rows.giveBack(c, link.id());
            rows.giveBack(c, link.id());
            rows.addShared(c, link.id(), 3);
            return null;
        });

        assertThat(database.<Optional<Link>>withConnection(c -> rows.byToken(c, "hash-1")).orElseThrow().filesReceived())
                .isZero();
        assertThat(database.<List<WitnessLink>>withConnection(c -> rows.list(c, "KCPD", null)).get(0).filesShared())
                .isEqualTo(3);
    }

    @Test
    void onlyTheAgencyRevokesItsLinkAndTheFirstRevocationCounts() {
        WitnessLink link = open("KCPD", "2026-1", "hash-1", 2);

        assertThat(database.<Boolean>inTransaction(c -> rows.revoke(c, "OPPD", link.id(), NOW))).isFalse();
        assertThat(database.<Boolean>inTransaction(c -> rows.revoke(c, "KCPD", link.id(), NOW))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> rows.revoke(c, "KCPD", link.id(), NOW.plusSeconds(9)))).isTrue();

        assertThat(database.<Optional<Link>>withConnection(c -> rows.byToken(c, "hash-1")).orElseThrow().revokedAt())
                .isEqualTo(NOW);
    }

    @Test
    void linksExpiredBeforeTheCutoffArePurgedAtTheirAgencyOnly() {
        WitnessLink link = open("KCPD", "2026-1", "hash-1", 2);
        open("OPPD", "2026-1", "hash-2", 2);
        var after = link.expiresAt().plusSeconds(1);

        assertThat(database.<Integer>inTransaction(c -> rows.purge(c, "KCPD", link.expiresAt()))).isZero();
        assertThat(database.<Integer>inTransaction(c -> rows.purge(c, "KCPD", after))).isEqualTo(1);
        assertThat(database.<Optional<Link>>withConnection(c -> rows.byToken(c, "hash-2"))).isPresent();
    }

    private WitnessLink open(String agency, String caseNumber, String tokenHash, int maxFiles) {
        WitnessLink link = new WitnessLink(UUID.randomUUID(), caseNumber, NOW, NOW.plus(Duration.ofDays(7)), maxFiles, 1_000, 0,
                null, "token");
        database.inTransaction(c -> {
            rows.insert(c, link, agency, tokenHash, UUID.randomUUID());
            return null;
        });
        return link;
    }
}
