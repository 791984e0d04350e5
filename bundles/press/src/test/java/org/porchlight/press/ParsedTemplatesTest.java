package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;

/** The parsed templates kept per template, version and part: parsed and judged once, refusals included, least recent out. */
class ParsedTemplatesTest {

    private final StrictRenderer renderer = new StrictRenderer(RenderingLimits.defaults());
    private final ParsedTemplates parsed = new ParsedTemplates(2 * ParsedTemplates.MIN_CHARS);
    private final UUID template = UUID.randomUUID();
    private final PlaceholderValues values = PlaceholderValues.of(List.of(new Placeholder("what", PlaceholderType.TEXT, null)),
            Map.of("what", "meeting"), "Kansas City PD", List.of(), "");

    private String render(int version, String part, String source) {
        StrictRenderer.Prepared prepared = parsed.get(new ParsedTemplates.Key(template, version, part), source.length(),
                () -> renderer.prepare(part, source));
        return renderer.render(prepared, values.model(), Locale.US);
    }

    @Test
    void aVersionIsParsedAndJudgedOnceHoweverOftenItRenders() {
        assertThat(render(1, "body", "A ${what}.")).isEqualTo("A meeting.");
        assertThat(render(1, "body", "A ${what}.")).isEqualTo("A meeting.");
        assertThat(render(1, "body", "A ${what}.")).isEqualTo("A meeting.");
        assertThat(renderer.parses()).isEqualTo(1);

        assertThat(render(2, "body", "Another ${what}.")).isEqualTo("Another meeting.");
        assertThat(renderer.parses()).as("another version is another template").isEqualTo(2);
    }

    @Test
    void aRefusedVersionIsRefusedAgainTheSameWayWithoutParsingAgain() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> render(1, "body", "<#list 1..3 as i>${i}</#list>"))
                    .isExactlyInstanceOf(ProblemException.class).hasMessageContaining("#list")
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type())
                            .isEqualTo(PressProblems.NOT_ALLOWED.uri()));
            assertThatThrownBy(() -> render(1, "title", "${what")).isInstanceOf(PlaceholderException.class)
                    .hasMessageContaining("cannot be read at line 1");
        }
        assertThat(renderer.parses()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyRenderedPartGoesWhenTheCacheIsFull() {
        render(1, "title", "T ${what}");
        render(1, "body", "B ${what}");
        render(1, "title", "T ${what}");
        render(2, "body", "B2 ${what}");
        assertThat(parsed.size()).isEqualTo(2);
        assertThat(renderer.parses()).isEqualTo(3);

        render(1, "title", "T ${what}");
        assertThat(renderer.parses()).as("the title was rendered more recently than version 1's body").isEqualTo(3);
        render(1, "body", "B ${what}");
        assertThat(renderer.parses()).as("version 1's body went first").isEqualTo(4);
    }

    @Test
    void aLongPartTakesTheRoomOfManyShortOnes() {
        render(1, "title", "T ${what}");
        render(1, "body", "B ${what}");
        assertThat(parsed.chars()).isEqualTo(2 * ParsedTemplates.MIN_CHARS);
        render(2, "body", "Long " + "x".repeat(400));
        assertThat(parsed.size()).as("405 characters leave room for nothing else").isEqualTo(1);
        assertThat(parsed.chars()).isEqualTo(405);
        render(2, "body", "Long " + "x".repeat(400));
        assertThat(renderer.parses()).isEqualTo(3);
    }

    @Test
    void aRendererWithOtherLimitsRendersWhatAnotherOneParsed() {
        StrictRenderer.Prepared prepared = renderer.prepare("body", "${what} ".repeat(20));
        StrictRenderer small = new StrictRenderer(new RenderingLimits(100, RenderingLimits.defaults().timeout()));
        assertThatThrownBy(() -> small.render(prepared, values.model(), Locale.US))
                .hasMessageContaining("reads placeholder values of 140 characters");
        assertThat(small.parses()).isZero();
    }
}
