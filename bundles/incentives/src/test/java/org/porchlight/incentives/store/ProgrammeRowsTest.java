package org.porchlight.incentives.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.incentives.Programmes.Campaign;
import org.porchlight.incentives.Programmes.Held;
import org.porchlight.incentives.Programmes.States;
import org.porchlight.incentives.store.AttributionRows.Made;
import org.porchlight.incentives.store.CampaignRows.Counted;
import org.porchlight.incentives.store.ReferralCodeRows.Found;
import org.porchlight.incentives.store.ReferralCodeRows.Listed;
import org.porchlight.testing.TestDatabase;

/** Campaigns, codes and attributions: a code once, an attribution pending until counted once, totals kept per year. */
class ProgrammeRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final TestDatabase database = TestDatabase.inMemory("incentives");
    private final CampaignRows campaigns = new CampaignRows();
    private final ReferralCodeRows codes = new ReferralCodeRows();
    private final AttributionRows attributions = new AttributionRows();

    @Test
    void aCodeIsTakenOnceAndFoundWithItsCampaignsPartner() {
        Campaign campaign = campaign("KCPD");

        assertThat(database.<Boolean>inTransaction(c -> code(c, campaign, "PORCH1", 5))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> code(c, campaign, "PORCH1", 5))).as("taken").isFalse();
        assertThat(database.<List<Listed>>withConnection(c -> codes.list(c, campaign.id())))
                .containsExactly(new Listed("PORCH1", campaign.id(), "flyer", NOW, NOW.plusSeconds(3600), 5, 0));
        assertThat(database.<Optional<Found>>withConnection(c -> codes.find(c, "PORCH1")))
                .contains(new Found("PORCH1", campaign.id(), "KCPD", "Acme", NOW, NOW.plusSeconds(3600), 5, 0));
        assertThat(database.<Optional<Found>>inTransaction(c -> codes.lock(c, "PORCH1")).orElseThrow().partner()).isNull();
        assertThat(database.<Optional<Found>>withConnection(c -> codes.find(c, "NOPE"))).isEmpty();
    }

    @Test
    void anAttributionIsPendingUntilCountedOnceAndTheTotalsFollow() {
        Campaign campaign = campaign("KCPD");
        UUID resident = UUID.randomUUID();
        database.inTransaction(c -> {
            code(c, campaign, "PORCH1", null);
            attributions.insert(c, resident, "PORCH1", campaign.id(), "KCPD", NOW, true);
            codes.use(c, "PORCH1");
            campaigns.addPending(c, campaign.id());
            return null;
        });

        assertThat(database.<Boolean>withConnection(c -> attributions.exists(c, resident))).isTrue();
        assertThat(database.<Boolean>withConnection(c -> attributions.exists(c, UUID.randomUUID()))).isFalse();
        assertThat(database.<Optional<String>>withConnection(c -> attributions.pendingCode(c, resident))).contains("PORCH1");
        assertThat(database.<States>withConnection(c -> campaigns.states(c, "KCPD"))).isEqualTo(new States(1, 0));
        assertThat(database.<List<Made>>withConnection(c -> attributions.made(c, "KCPD", NOW, NOW.plusSeconds(1))))
                .containsExactly(new Made(NOW, campaign.id(), "PORCH1", "PENDING"));

        Counted counted = database.inTransaction(c -> {
            assertThat(attributions.count(c, resident, NOW.plusSeconds(5))).isTrue();
            assertThat(attributions.count(c, resident, NOW.plusSeconds(6))).as("once").isFalse();
            campaigns.unpend(c, campaign.id());
            Counted first = campaigns.count(c, campaign.id(), 2026);
            campaigns.addUnits(c, campaign.id(), 2026, 3);
            return first;
        });

        assertThat(counted).isEqualTo(new Counted("per-signups", 1, 0, 1, 0));
        assertThat(database.<Counted>inTransaction(c -> campaigns.count(c, campaign.id(), 2026)))
                .isEqualTo(new Counted("per-signups", 2, 3, 2, 3));
        assertThat(database.<Counted>inTransaction(c -> campaigns.count(c, campaign.id(), 2027)))
                .as("a new year starts from none").isEqualTo(new Counted("per-signups", 1, 0, 3, 3));
        assertThat(database.<States>withConnection(c -> campaigns.states(c, "KCPD"))).isEqualTo(new States(0, 3));
        assertThat(database.<Optional<Held>>withConnection(c -> attributions.held(c, resident)))
                .contains(new Held("KCPD", campaign.id(), "PORCH1", NOW, "COUNTED", NOW.plusSeconds(5)));
        assertThat(database.<Optional<Found>>withConnection(c -> codes.find(c, "PORCH1")).orElseThrow().used()).isEqualTo(1);
        assertThat(database.<List<Campaign>>withConnection(c -> campaigns.list(c, "KCPD"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.attributions()).isEqualTo(3);
                    assertThat(p.units()).isEqualTo(3);
                    assertThat(p.pending()).isZero();
                });
    }

    private boolean code(Connection c, Campaign campaign, String code, Integer cap) throws SQLException {
        return codes.insert(c, code, campaign.id(), campaign.agency(), "flyer", NOW, NOW.plusSeconds(3600), cap, NOW);
    }

    private Campaign campaign(String agency) {
        Campaign campaign = new Campaign(UUID.randomUUID(), agency, "Porch lights", "Acme", "per-signups", 0, 0, 0, NOW);
        database.inTransaction(c -> {
            campaigns.insert(c, campaign, UUID.randomUUID());
            return null;
        });
        return campaign;
    }
}
