package org.porchlight.evidence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.evidence.StoredItem;
import org.porchlight.testing.PortalResources;

/** The evidence pages' templates, texts and the small rules of the page itself. */
class EvidencePageTest {

    @Test
    void templatesHaveNoInlineScriptsOrStylesAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    @Test
    void aDownloadIsSavedUnderTheSendersNameOrTheItemsIdWhenItGaveNone() {
        UUID id = UUID.randomUUID();
        assertThat(EvidencePage.fileName(item(id, "porch.mp4"))).isEqualTo("porch.mp4");
        assertThat(EvidencePage.fileName(item(id, null))).isEqualTo("evidence-" + id);
        assertThat(EvidencePage.fileName(item(id, " "))).isEqualTo("evidence-" + id);
    }

    @Test
    void aHashIsShownInPiecesOfSixteenThatJoinToIt() {
        String hash = "ab".repeat(32);
        assertThat(EvidencePage.chunks(hash)).hasSize(4).allMatch(p -> p.length() == 16);
        assertThat(String.join("", EvidencePage.chunks(hash))).isEqualTo(hash);
        assertThat(EvidencePage.chunks(null)).isEmpty();
    }

    @Test
    void pathsThatAreNoItemIdAreNotFound() {
        assertThat(EvidencePage.parts("")).isEmpty();
        assertThat(EvidencePage.parts("requests/x")).containsExactly("requests", "x");
        assertThatThrownBy(() -> EvidencePage.uuid("../etc")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(404));
    }

    private static StoredItem item(UUID id, String name) {
        return new StoredItem(new EvidenceItem(id, "KCPD", "2026-1", null, null, "witness", name, "video/mp4", 3, "00", Instant.EPOCH),
                "files", null, null);
    }
}
