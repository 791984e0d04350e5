package org.porchlight.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.incentives.IncentiveFigures.DisclosureTerms;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestDatabase;

/** Partners' aliases: validated, stored with the campaign, and handed to the disclosure check with names and codes. */
class PartnerAliasesTest {

    private static final long OWN_BUNDLE = ProgrammesTest.OWN_BUNDLE;

    private Programmes programmes;
    private PartnerAliases aliases;
    private ProgrammeFigures figures;

    @BeforeEach
    void setUp() {
        TestDatabase database = TestDatabase.inMemory("incentives");
        AgencyProfile kcpd = new AgencyProfile("KCPD", "KC Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), Map.of());
        Agencies agencies = TestAgencies.of(kcpd);
        Accounts nobody = account -> Optional.empty();
        Attributions attributions = new Attributions(database, new Ledger(database), OWN_BUNDLE);
        attributions.addRule(tally -> 1, registeredBy(OWN_BUNDLE, Map.of(IncentiveRule.NAME, PerSignupsRule.NAME)));
        programmes = new Programmes(database, agencies, nobody, attributions, ProgrammesTest.config(14, 20, 50));
        aliases = new PartnerAliases(database, programmes);
        figures = new ProgrammeFigures(database, programmes);
    }

    @Test
    void aCampaignsAliasesAreStoredWithItAndReplacedAsAWhole() {
        UUID campaign = programmes.createCampaign("KCPD", "Doorbell Drive", "Acme Doorbells Inc.", List.of(" Acme ", "ACME Cams"),
                null, UUID.randomUUID()).id();
        assertThat(aliases.aliases("KCPD", campaign)).containsExactly("ACME Cams", "Acme");
        assertThat(aliases.replace("KCPD", campaign, List.of("AcmeCo"))).containsExactly("AcmeCo");
        assertThat(aliases.replace("KCPD", campaign, List.of())).isEmpty();
    }

    @Test
    void theDisclosureTermsHoldEveryPartnerNameAliasCampaignNameAndCodeOfTheAgency() {
        UUID campaign = programmes.createCampaign("KCPD", "Doorbell Drive", "Acme Doorbells Inc.", List.of("Acme"), null,
                UUID.randomUUID()).id();
        Instant now = Instant.now();
        Programmes.Code code = programmes.createCode("KCPD", campaign, "flyer", now.minus(2, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS), null);
        DisclosureTerms terms = figures.disclosureTerms("kcpd");
        assertThat(terms.partnerNames()).containsExactlyInAnyOrder("Acme Doorbells Inc.", "Acme");
        assertThat(terms.campaignNames()).containsExactly("Doorbell Drive");
        assertThat(terms.referralCodes()).as("expired codes too: a text may still print one").containsExactly(code.code());
    }

    @Test
    void wrongAliasesAreRefusedEachByNameAndNothingIsWritten() {
        UUID campaign = programmes.createCampaign("KCPD", "Doorbell Drive", "Acme", List.of("Acme Cams"), null,
                UUID.randomUUID()).id();
        for (List<String> wrong : List.of(List.of("A"), List.of("G.E"), List.of("Acme\u200b"), List.of("Ac\nme"),
                List.of("x".repeat(101)), List.of("Acme", "ACME"), List.of("Acme", "\uff21\uff23\uff2d\uff25"),
                Collections.nCopies(21, "x"), Arrays.asList("Acme", null))) {
            assertThatThrownBy(() -> aliases.replace("KCPD", campaign, wrong)).as("%s", wrong)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(400);
                        assertThat(e.problem().errors()).isNotEmpty();
                    });
        }
        assertThat(aliases.aliases("KCPD", campaign)).containsExactly("Acme Cams");
        assertThatThrownBy(() -> programmes.createCampaign("KCPD", "Other", "Acme", List.of("A"), null, UUID.randomUUID()))
                .isInstanceOf(ProblemException.class);
        assertThat(programmes.campaigns("KCPD")).hasSize(1);
    }
}
