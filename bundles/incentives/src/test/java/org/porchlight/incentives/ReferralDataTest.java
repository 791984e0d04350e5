package org.porchlight.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestDatabase;

/** A resident's referral as their personal data: exported, and let go of when they delete their account. */
class ReferralDataTest {

    private static final long OWN_BUNDLE = ProgrammesTest.OWN_BUNDLE;

    private static final Instant NOW = Instant.now();
    private TestDatabase database;
    private Programmes programmes;
    private Attributions attributions;
    private ReferralData data;
    private String code;

    @BeforeEach
    void setUp() {
        database = TestDatabase.inMemory("incentives");
        AgencyProfile kcpd = new AgencyProfile("KCPD", "KC Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), Map.of());
        Accounts accounts = account -> Optional.of(new Accounts.Account(account, "RESIDENT", null, NOW));
        Ledger ledger = new Ledger(database);
        attributions = new Attributions(database, ledger, OWN_BUNDLE);
        PerSignupsRule rule = new PerSignupsRule();
        rule.configure(ProgrammesTest.config(14, 20, 50));
        attributions.addRule(rule, registeredBy(OWN_BUNDLE, Map.of(IncentiveRule.NAME, PerSignupsRule.NAME)));
        programmes = new Programmes(database, TestAgencies.of(kcpd), accounts, attributions, ProgrammesTest.config(14, 20, 50));
        UUID campaign = programmes.createCampaign("KCPD", "Doorbells", "Vendor", List.of(), null, UUID.randomUUID()).id();
        code = programmes.createCode("KCPD", campaign, "flyer", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), null)
                .code();
        data = new ReferralData(database);
    }

    @Test
    void theExportShowsTheResidentsOwnAttributionOnly() {
        UUID resident = UUID.randomUUID();
        programmes.attribute(resident, NOW, code);
        programmes.attribute(UUID.randomUUID(), NOW, code);

        assertThat(data.export(resident).toString()).contains(code).contains("KCPD").contains("PENDING");
        assertThat(data.export(UUID.randomUUID())).isEqualTo(Map.of());
    }

    @Test
    void aPendingAttributionGoesAndNoLongerCountsAsPending() {
        UUID resident = UUID.randomUUID();
        programmes.attribute(resident, NOW, code);
        assertThat(programmes.campaigns("KCPD").get(0).pending()).isEqualTo(1);

        assertThat(data.erase(resident)).isEqualTo(new Erasure(1, 0));

        assertThat(programmes.campaigns("KCPD").get(0).pending()).isZero();
        assertThat(data.export(resident)).isEqualTo(Map.of());
        assertThat(data.erase(resident)).as("once gone, nothing more").isEqualTo(Erasure.none());
    }

    @Test
    void aCountedAttributionStaysInTheFiguresWithoutTheAccount() {
        UUID resident = UUID.randomUUID();
        programmes.attribute(resident, NOW, code);
        assertThat(attributions.count(resident)).isTrue();
        long counted = programmes.campaigns("KCPD").get(0).attributions();

        assertThat(data.erase(resident)).isEqualTo(new Erasure(0, 1));

        assertThat(programmes.campaigns("KCPD").get(0).attributions()).isEqualTo(counted);
        assertThat(data.export(resident)).as("no longer linked to the account").isEqualTo(Map.of());
        assertThat(database.<Long>withConnection(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT COUNT(*) FROM incentives.attribution WHERE state = 'COUNTED'")) {
                rs.next();
                return rs.getLong(1);
            }
        })).isEqualTo(1);
    }
}
