package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;

/**
 * What FreeMarker's parser may be given: each limit refuses every variant of its flood with a 422
 * naming the limit before FreeMarker parses (the renderer's count of parses stays at zero), and
 * what releases are made of stays within them.
 */
class SourceLimitsTest {

    private final StrictRenderer renderer = new StrictRenderer(RenderingLimits.defaults());
    private final PlaceholderValues values = PlaceholderValues.of(List.of(new Placeholder("what", PlaceholderType.TEXT, null),
            new Placeholder("count", PlaceholderType.NUMBER, null)), Map.of("what", "meeting", "count", "3"), "Kansas City PD",
            List.of(), "");

    private String render(String source) {
        return renderer.render("body", source, values.model(), Locale.US);
    }

    private void refusedBeforeParsing(String naming, String... sources) {
        for (String source : sources) {
            assertThatThrownBy(() -> render(source)).as(source.substring(0, 40)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(PressProblems.LIMIT.uri()))
                    .hasMessageContaining(naming);
        }
        assertThat(renderer.parses()).as("refused before FreeMarker parses").isZero();
    }

    @Test
    void aPartLongerThanTwentyThousandCharactersIsRefusedBeforeParsing() {
        refusedBeforeParsing("has 20001 characters; a template part may have at most 20,000", "x".repeat(20_001),
                "Plain prose. ".repeat(1538) + "x".repeat(7));
        refusedBeforeParsing("has 60000 characters", "${what}".repeat(6000) + "x".repeat(18_000));
        assertThat(render("y".repeat(20_000))).hasSize(20_000);
    }

    @Test
    void aFloodOfTagsAndInterpolationsIsRefusedBeforeParsingWhereverTheyAre() {
        refusedBeforeParsing("501 tags and interpolations", "${what} ".repeat(501), "${what}".repeat(501),
                "<#if count gt 1>x</#if>".repeat(250) + "${what}", "<#-- -->x".repeat(501), "<@x/>".repeat(501),
                "${\"" + "${what}".repeat(500) + "\"}", "<#if true>".repeat(501));
        assertThat(render("${what} ".repeat(500))).as("500 on one line are still cheap").startsWith("meeting meeting");
        assertThat(render("<#if count gt 1>x</#if>\n".repeat(250))).hasSize(500);
    }

    @Test
    void aLongExpressionOrTooManyOperatorsAreRefusedBeforeParsing() {
        refusedBeforeParsing("operator characters (+ - * / % ! ? . & | = < > ( [ \\); a template part may have at most 2,000",
                "${" + "count+".repeat(2001) + "count}", "${what" + ".b".repeat(2001) + "}",
                "${(" + "count??||".repeat(667) + "true)?c}", "<#if " + "count&&".repeat(1001) + "true>x</#if>",
                "${what" + "[0]".repeat(2001) + "}", "${" + "(".repeat(2001) + "1" + ")".repeat(2001) + "}",
                "${(" + "c \\and ".repeat(2001) + "true)?c}", "${count * 2 - 1 / 3 % 4 + 1} ".repeat(401));
        assertThat(render("${" + "count + ".repeat(60) + "count}")).isEqualTo("183");
    }

    @Test
    void moreThanAHundredAndTwentyEightExclamationMarksAreRefusedBeforeParsing() {
        refusedBeforeParsing("129 '!'; a template part may have at most 128", "${" + "!".repeat(129) + "true}",
                "${" + "what!".repeat(129) + "what}", "${" + "what!'x'+".repeat(129) + "what}", "Wow! ".repeat(129),
                "${" + "! ".repeat(129) + "true}", "${(" + "!(".repeat(129) + "true" + ")".repeat(129) + ")?c}");
        assertThat(render("${missing!'none'} ".repeat(64) + "Wow!".repeat(64))).startsWith("none none");
    }

    @Test
    void aPressReleaseOfTheMostCharactersStaysWithinEveryLimit() {
        String paragraph = "${what?cap_first} at City Hall (5th & Main) on ${count} days: residents asked questions, "
                + "the P.I.O. answered. <#if count gt 1>Several meetings</#if> - see kcpd.example/news!\n\n";
        String release = paragraph.repeat(20_000 / paragraph.length());
        assertThat(render(release)).contains("Meeting at City Hall (5th & Main) on 3 days");
        assertThat(renderer.parses()).isEqualTo(1);
    }
}
