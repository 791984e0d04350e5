package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.press.ReleaseState.Move;

class WorkflowAndChecksTest {

    private static final List<IncentiveFigures.Programme> PROGRAMMES = List.of(new IncentiveFigures.Programme(UUID.randomUUID(),
            "Doorbell Drive", "Acme Doorbells", 240, 12, 10, Instant.parse("2026-01-15T00:00:00Z")));
    private static final IncentiveFigures.DisclosureTerms TERMS = new IncentiveFigures.DisclosureTerms(List.of("Acme Doorbells"),
            List.of("Doorbell Drive"), List.of());

    private static TemplateCheck.Draft draft(ReleaseKind kind, String network, String text, Map<String, String> values) {
        return new TemplateCheck.Draft("KCPD", kind, network, "en-US", text, values);
    }

    @Test
    void theStateMachineAllowsOnlyTheWorkflowsMoves() {
        assertThat(ReleaseState.DRAFT.allows(Move.SUBMIT)).isTrue();
        assertThat(ReleaseState.DRAFT.allows(Move.APPROVE)).isFalse();
        assertThat(ReleaseState.DRAFT.allows(Move.PUBLISH)).isFalse();
        assertThat(ReleaseState.IN_REVIEW.allows(Move.APPROVE)).isTrue();
        assertThat(ReleaseState.IN_REVIEW.allows(Move.EDIT)).isFalse();
        assertThat(ReleaseState.IN_REVIEW.allows(Move.PUBLISH)).isFalse();
        assertThat(ReleaseState.APPROVED.allows(Move.PUBLISH)).isTrue();
        assertThat(ReleaseState.APPROVED.allows(Move.REJECT)).isTrue();
        assertThat(ReleaseState.PUBLISHED.allows(Move.APPROVE)).isFalse();
        assertThat(ReleaseState.PUBLISHED.allows(Move.EDIT)).isTrue();
        assertThat(ReleaseState.after(Move.REJECT)).isEqualTo(ReleaseState.DRAFT);
    }

    @Test
    void lengthLimitsApplyPerNetworkAndKind() {
        TemplateCheck check = BuiltInChecks.lengthLimit(TemplateWorkflow.parseLimits(new String[] {"x=280, nextdoor = 8192"}), 20000, 5000);
        assertThat(check.check(draft(ReleaseKind.SOCIAL_POST, "x", "a".repeat(280), Map.of())).passed()).isTrue();
        assertThat(check.check(draft(ReleaseKind.SOCIAL_POST, "x", "a".repeat(281), Map.of())).failures())
                .containsExactly("The text has 281 characters; a post on x may have at most 280.");
        assertThat(check.check(draft(ReleaseKind.SOCIAL_POST, "nextdoor", "a".repeat(281), Map.of())).passed()).isTrue();
        assertThat(check.check(draft(ReleaseKind.COMMUNITY_NOTICE, null, "a".repeat(5001), Map.of())).passed()).isFalse();
        assertThat(check.check(draft(ReleaseKind.SOCIAL_POST, "x", "😀".repeat(280), Map.of())).passed())
                .as("characters, not UTF-16 units").isTrue();
    }

    @Test
    void everyPlaceholderMustBeFilled() {
        TemplateCheck check = BuiltInChecks.placeholdersFilled(List.of(new Placeholder("what", PlaceholderType.TEXT, null)));
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "t", Map.of("what", "  "))).failures())
                .containsExactly("Placeholder 'what' is not filled.");
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "t", Map.of("what", "x"))).passed()).isTrue();
    }

    @Test
    void aTextMentioningAPartnerMustCarryTheDisclosureBlock() {
        TemplateCheck check = BuiltInChecks.partnershipDisclosure(() -> PROGRAMMES, () -> TERMS, null, "KCPD");
        String block = PartnershipDisclosure.block("KCPD", PROGRAMMES);
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "Thanks to ACME DOORBELLS for the cameras.", Map.of())).failures())
                .singleElement().asString().contains("Acme Doorbells").contains("${disclosure}");
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "Join the doorbell drive!", Map.of())).passed()).isFalse();
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "Thanks to Acme Doorbells.\n" + block, Map.of())).passed()).isTrue();
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "Road closed on Main St.", Map.of())).passed()).isTrue();
        String stale = block.replace("12 units", "11 units");
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "Acme Doorbells. " + stale, Map.of())).passed())
                .as("a block with other figures than the ledger's is not the disclosure").isFalse();
    }

    @Test
    void withoutTheFiguresTheDisclosureCheckFailsClosed() {
        TemplateCheck check = BuiltInChecks.partnershipDisclosure(() -> null, () -> TERMS, null, "KCPD");
        assertThat(check.check(draft(ReleaseKind.PRESS_RELEASE, null, "Road closed.", Map.of())).passed()).isFalse();
    }

    @Test
    void aCheckThatThrowsCountsAsFailed() {
        Map<String, List<String>> failures = BuiltInChecks.run(Map.of("broken", d -> {
            throw new IllegalStateException("boom");
        }), draft(ReleaseKind.PRESS_RELEASE, null, "t", Map.of()));
        assertThat(failures).containsOnlyKeys("broken");
    }

    @Test
    void diffsShowWhatChangedBetweenVersions() {
        List<Placeholder> p = List.of(new Placeholder("what", PlaceholderType.TEXT, null));
        String v1 = VersionDiff.document("Road closure", p, Map.of("what", "Main St"), "Line one\nLine two\nLine three");
        String v2 = VersionDiff.document("Road closure", p, Map.of("what", "Oak St"), "Line one\nLine 2\nLine three");
        List<String> diff = VersionDiff.unified("template", 1, v1, 2, v2);
        assertThat(diff).contains("--- template v1", "+++ template v2", "-Line two", "+Line 2", "-Placeholder: what TEXT = Main St",
                "+Placeholder: what TEXT = Oak St");
        assertThat(VersionDiff.unified("template", 1, v1, 1, v1)).isEmpty();
    }

    @Test
    void placeholderDeclarationsAreChecked() {
        assertThat(new Placeholder("disclosure", PlaceholderType.TEXT, null).invalidity()).contains("reserved");
        assertThat(new Placeholder("Bad-name", PlaceholderType.TEXT, null).invalidity()).contains("Bad-name");
        assertThat(new Placeholder("units", PlaceholderType.PROGRAM_FIGURE, "Acme").invalidity()).contains("source");
        assertThat(new Placeholder("units", PlaceholderType.PROGRAM_FIGURE, "Acme:unitsEarned").invalidity()).isNull();
    }
}
