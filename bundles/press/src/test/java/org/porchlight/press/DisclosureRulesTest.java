package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.incentives.IncentiveFigures.DisclosureTerms;
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.press.DisclosureRules.Trigger;

/** Each rule of the partnership disclosure, with the spellings a text could use to slip past it. */
class DisclosureRulesTest {

    private static final DisclosureTerms TERMS = new DisclosureTerms(List.of("Acme Doorbells Inc.", "Acme", "Ring Video"),
            List.of("Porchguard Doorbell Drive 2026", "SafeStreets"), List.of("J3JJDFRKN7", "ACDEFHJKMN"));
    private static final String ACME_POST = "Thanks to our friends at Acme, 40 free doorbell cameras for the first residents"
            + " who register. Sign up with code J3JJD-FRKN7!";
    private final DisclosureRules rules = new DisclosureRules(TERMS);

    private Trigger trigger(String text) {
        return rules.required(text, null).map(DisclosureRules.Reason::trigger).orElse(null);
    }

    @Test
    void theAcmePostThatWasPublishedWithoutDisclosureNeedsIt() {
        assertThat(rules.required(ACME_POST, null)).hasValueSatisfying(r -> {
            assertThat(r.trigger()).isEqualTo(Trigger.PARTNER_NAME);
            assertThat(r.term()).isEqualTo("Acme");
        });
        assertThat(trigger(ACME_POST.replace("Acme", "our partners"))).as("the code alone").isEqualTo(Trigger.REFERRAL_CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks to Acme!", "thanks to ACME", "Acme's cameras", "A.C.M.E. cameras", "A c m e cameras",
        "Ac-me cameras", "\uff21\uff43\uff4d\uff45 cameras", "Ac\u200bme cameras", "\u0410cme cameras", "Acm\u0435 cameras",
        "Ac\u00admé cameras", "(acme)", "ACME DOORBELLS INC", "acme-doorbells", "Ring video doorbells", "RING-VIDEO"})
    void aPartnerIsFoundByAnyRegisteredNameOrAliasHoweverSpelled(String text) {
        assertThat(trigger(text)).isEqualTo(Trigger.PARTNER_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acmeville road closed", "the acmes of success", "a ring was stolen", "ringing doorbells at night",
        "Video from a doorbell helped", "Road closed on Main St."})
    void aPartnersNameInsideAnotherWordOrAPieceOfAnAliasIsNotFound(String text) {
        assertThat(trigger(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"code J3JJD-FRKN7", "code j3jjd-frkn7", "code J3JJDFRKN7", "code J3JJD FRKN7", "code J3J JDF RKN7",
        "code J.3.J.J.D.F.R.K.N.7", "code \uff2a\uff13\uff2a\uff2a\uff24-\uff26\uff32\uff2b\uff2e\uff17", "codeJ3JJDFRKN7",
        "code J3JJD\u2010FRKN7", "code J3JJ\u200bD-FRKN7", "use acdef-hjkmn today"})
    void aReferralCodeIsFoundWithOrWithoutSeparatorsAndInAnyCase(String text) {
        assertThat(trigger(text)).isEqualTo(Trigger.REFERRAL_CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Join Porchguard today", "porch-guard signs", "PORCH GUARD", "P\u043erchguard", "the porchguards",
        "PORCHGUARD DOORBELL-DRIVE 2026 results", "PorchGuard Doorbell Drive 2026", "Join SafeStreets today",
        "S\u0430fe-Streets"})
    void aCampaignsWholeNameOrDistinctiveWordIsFound(String text) {
        assertThat(trigger(text)).isEqualTo(Trigger.CAMPAIGN_WORDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Safety on our streets starts with you", "A doorbell camera recorded the theft",
        "Drive safely in 2026",
        "Free coffee with a cop", "Doorbell footage helps", "streets were closed", "a drive-by shooting"})
    void commonWordsOfACampaignNameDoNotCountAlone(String text) {
        assertThat(trigger(text)).isNull();
    }

    @Test
    void onlyDistinctiveWordsOfACampaignNameCountAlone() {
        assertThat(DisclosureRules.campaignWords(List.of("Porchguard Doorbell Drive 2026", "Free Cameras for Neighbors", " ",
                "SafeStreets 2026", "BlockWatch Porchlite")))
                .containsExactly("Porchguard Doorbell Drive 2026", "Porchguard", "Free Cameras for Neighbors", "SafeStreets 2026",
                        "BlockWatch Porchlite", "Porchlite");
    }

    @Test
    void aTextAVendorWroteNeedsTheDisclosureWhateverItSays() {
        assertThat(rules.required("Road closed on Main St.", "Acme Comms")).hasValueSatisfying(r -> {
            assertThat(r.trigger()).isEqualTo(Trigger.VENDOR_AUTHOR);
            assertThat(r.describe()).isEqualTo("vendor author 'Acme Comms'");
        });
    }

    @Test
    void theCheckRefusesEachTriggerWithoutTheBlockNamingTheRuleAndPassesWithIt() {
        List<IncentiveFigures.Programme> programmes = List.of(new IncentiveFigures.Programme(UUID.randomUUID(),
                "Porchguard Doorbell Drive 2026", "Acme Doorbells Inc.", 240, 12, 10, Instant.parse("2026-01-15T00:00:00Z")));
        String block = PartnershipDisclosure.block("KCPD", programmes);
        Map<String, String> texts = Map.of("partner name or alias 'Acme'", "Thanks to ACME!",
                "referral code 'J3JJDFRKN7'", "Use j3jjd frkn7.", "campaign words 'Porchguard'", "Join Porch-guard.",
                "vendor author 'Acme Comms'", "Road closed.");
        texts.forEach((rule, text) -> {
            String vendor = rule.startsWith("vendor") ? "Acme Comms" : null;
            TemplateCheck check = BuiltInChecks.partnershipDisclosure(() -> programmes, () -> TERMS, vendor, "KCPD");
            assertThat(check.check(draft(text)).failures()).as(rule).singleElement().asString().contains("rule: " + rule);
            assertThat(check.check(draft(text + "\n" + block)).passed()).as(rule).isTrue();
        });
        TemplateCheck plain = BuiltInChecks.partnershipDisclosure(() -> programmes, () -> TERMS, null, "KCPD");
        assertThat(plain.check(draft("Road closed on Main St.")).passed()).isTrue();
        assertThat(BuiltInChecks.partnershipDisclosure(() -> programmes, () -> null, null, "KCPD").check(draft("Road closed."))
                .passed()).as("without the terms the check fails closed").isFalse();
    }

    private static TemplateCheck.Draft draft(String text) {
        return new TemplateCheck.Draft("KCPD", ReleaseKind.PRESS_RELEASE, null, "en-US", text, Map.of());
    }
}
