package org.porchlight.press.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.press.Placeholder;
import org.porchlight.press.PlaceholderType;
import org.porchlight.testing.PortalResources;

/** The press pages' pieces that need no server: templates and texts, the placeholder field, the diff, paragraphs. */
class PressWebTest {

    @Test
    void templatesHaveNoInlineScriptsOrStylesAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    @Test
    void thePlaceholderFieldReadsNameTypeSourceAndValueAndWritesThemBackTheSameWay() {
        PlaceholderLines.Parsed parsed = PlaceholderLines.parse("day DATE = 2026-12-01\r\n\n  units PROGRAM_FIGURE Acme Doorbells:unitsEarned\n"
                + "quote text = a = b\nagency AGENCY_NAME");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.placeholders()).containsExactly(new Placeholder("day", PlaceholderType.DATE, null),
                new Placeholder("units", PlaceholderType.PROGRAM_FIGURE, "Acme Doorbells:unitsEarned"),
                new Placeholder("quote", PlaceholderType.TEXT, null), new Placeholder("agency", PlaceholderType.AGENCY_NAME, null));
        assertThat(parsed.values()).containsExactly(Map.entry("day", "2026-12-01"), Map.entry("quote", "a = b"));
        assertThat(PlaceholderLines.parse(PlaceholderLines.format(parsed.placeholders(), parsed.values()))).isEqualTo(parsed);
    }

    @Test
    void aPlaceholderLineWithoutATypeOrWithAnUnknownOneIsNamedByItsLine() {
        PlaceholderLines.Parsed parsed = PlaceholderLines.parse("day\nunits MANY = 3");
        assertThat(parsed.errors()).hasSize(2);
        assertThat(parsed.errors().get(0)).startsWith("line 1:");
        assertThat(parsed.errors().get(1)).startsWith("line 2:").contains("'MANY' is not a type");
    }

    @Test
    void theDiffMarksAddedAndRemovedLinesAndLeavesHeadersAndContextPlain() {
        List<Map<String, String>> lines = DiffLines.of(List.of("--- template v1", "+++ template v2", "@@ -1,2 +1,2 @@",
                " Title: Water", "-Boil <b>water</b>.", "+Boil water until ${day}."));
        assertThat(lines).extracting(l -> l.get("kind")).containsExactly("head", "head", "head", "same", "del", "ins");
        assertThat(lines.get(4).get("text")).isEqualTo("-Boil <b>water</b>."); // the template escapes it
    }

    @Test
    void aTextBecomesParagraphsAtEmptyLinesAndLinesWithin() {
        assertThat(Paragraphs.of("One\ntwo\n\n\nThree\r\n")).containsExactly(List.of("One", "two"), List.of("Three"));
        assertThat(Paragraphs.of("")).isEmpty();
        assertThat(Paragraphs.of(null)).isEmpty();
    }

    @Test
    void theDiffOffersEveryVersionNewestFirst() {
        assertThat(TemplateEditor.versionNumbers(3)).containsExactly(3, 2, 1);
    }
}
