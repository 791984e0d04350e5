package org.porchlight.requests.web.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.testing.PortalResources;
import org.porchlight.testing.TestPageRequest;

/** How the resident's and the witness's pages word sizes, areas and problems, in English and Spanish. */
class OwnerViewsTest {

    @Test
    void templatesHaveNoInlineScriptsOrStylesAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    @Test
    void sizesAreShownInTheUnitThatReadsBest() {
        PageRequest en = page(Locale.ENGLISH);
        assertThat(OwnerViews.size(512, en)).isEqualTo("512 bytes");
        assertThat(OwnerViews.size(1536, en)).isEqualTo("1.5 KB");
        assertThat(OwnerViews.size(5L * 1024 * 1024, en)).isEqualTo("5 MB");
        assertThat(OwnerViews.size(3L * 1024 * 1024 * 1024, en)).isEqualTo("3 GB");
        assertThat(OwnerViews.size(1536, page(Locale.forLanguageTag("es")))).isEqualTo("1,5 KB");
    }

    @Test
    void anAreaIsAlsoSaidInWords() {
        PageRequest en = page(Locale.ENGLISH);
        assertThat(OwnerViews.areaWords(new Circle(new GeoPoint(39.0997, -94.5786), 200), en))
                .isEqualTo("Within 200 metres of the point 39.09970, -94.57860 (latitude, longitude).");
        Polygon triangle = new Polygon(List.of(new GeoPoint(39, -94), new GeoPoint(39.1, -94), new GeoPoint(39, -94.1)));
        assertThat(OwnerViews.areaWords(triangle, en)).startsWith("The area with these 3 corners").contains("39.10000, -94.00000");
        assertThat(OwnerViews.map(triangle, "<b>")).contains("\"kind\":\"polygon\"").doesNotContain("<b>");
    }

    @Test
    void aProblemOfAKnownKindIsToldInTheVisitorsLanguageWithTheDetailBesideIt() {
        ProblemException tooLarge = new ProblemException(ProblemType.named("evidence-too-large", "File too large", 413),
                "KCPD accepts files of at most 10 bytes.");
        Map<String, Object> es = OwnerViews.problem(tooLarge, page(Locale.forLanguageTag("es")));
        assertThat(es.get("text")).isEqualTo("El archivo es más grande de lo que acepta la agencia.");
        assertThat(es.get("detail")).isEqualTo("KCPD accepts files of at most 10 bytes.");
        assertThat(OwnerViews.theirs(tooLarge)).isTrue();

        ProblemException unknown = new ProblemException(ProblemType.named("something-new", "Something", 409), "What happened.");
        assertThat(OwnerViews.problem(unknown, page(Locale.ENGLISH))).containsEntry("text", "What happened.").containsEntry("detail", "");
        assertThat(OwnerViews.theirs(new ProblemException(ProblemType.UNAVAILABLE, "down"))).as("a 503 is an error page").isFalse();
        assertThat(OwnerViews.theirs(new ProblemException(ProblemType.named("not-found", "Not found", 404), "gone"))).isFalse();
    }

    @Test
    void onlyACanonicalIdNamesARequest() {
        UUID id = UUID.randomUUID();
        assertThat(OwnerViews.id(id.toString())).isEqualTo(id);
        for (String bad : List.of("1-1-1-1-1", "x", id + "0")) {
            assertThatThrownBy(() -> OwnerViews.id(bad)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(404));
        }
        assertThat(OwnerViews.parts("")).isEmpty();
        assertThat(OwnerViews.parts(id + "/share")).containsExactly(id.toString(), "share");
    }

    @Test
    void aWitnessTokenIsWhatTheLinkApiHandsOut() {
        assertThat(WitnessPage.TOKEN.matcher("A".repeat(43)).matches()).isTrue();
        assertThat(WitnessPage.TOKEN.matcher("A".repeat(42)).matches()).isFalse();
        assertThat(WitnessPage.TOKEN.matcher("A".repeat(42) + "/").matches()).isFalse();
    }

    /** A request whose texts are this bundle's messages, as the shell reads them. */
    private static PageRequest page(Locale locale) {
        return TestPageRequest.get("/inbox", locale);
    }
}
