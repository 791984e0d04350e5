package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/**
 * Templates written to exhaust the server, one class of attack per test, each variant refused
 * with a 422 naming what was refused, before FreeMarker allocates anything out of proportion.
 */
class TemplateAttacksTest {

    private static final String LONG = "x".repeat(5000);
    private final StrictRenderer renderer = new StrictRenderer(RenderingLimits.defaults());
    private final PlaceholderValues values = PlaceholderValues.of(List.of(new Placeholder("what", PlaceholderType.TEXT, null),
            new Placeholder("long", PlaceholderType.TEXT, null), new Placeholder("count", PlaceholderType.NUMBER, null),
            new Placeholder("day", PlaceholderType.DATE, null)), Map.of("what", "meeting", "long", LONG, "count", "3",
            "day", "2026-11-29"), "Kansas City PD", List.of(), "");

    private String render(String source) {
        return renderer.render("body", source, values.model(), Locale.US);
    }

    private void refused(ProblemType type, String naming, String... sources) {
        for (String source : sources) {
            assertThatThrownBy(() -> render(source)).as(source).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type()).as(source).isEqualTo(type.uri()))
                    .hasMessageContaining(naming);
        }
    }

    @Test
    void interpolationsInsideStringLiteralsAreJudgedLikeAnyOther() {
        refused(PressProblems.NOT_ALLOWED, "?left_pad", "${\"${''?left_pad(400000000, 'x')}\"}",
                "${\"${\\\"${what?left_pad(400000000)}\\\"}\"}", "${'a' + \"b${what?left_pad(400000000)}\"}",
                "<#if \"${what?left_pad(400000000)}\"?has_content>x</#if>",
                        "${(count > 1)?then(\"${what?left_pad(400000000)}\", '')}");
    }

    @Test
    void theAlternativeSquareBracketSyntaxAndTheFtlHeaderAreRefused() {
        refused(PressProblems.NOT_ALLOWED, "#ftl header", "[#ftl][#list 1..200000000 as i]x[/#list]", "[#ftl][#assign a = 1]${a}",
                "  \n[#ftl]x", "<#ftl strict_syntax=false><list 1..200000000 as i>x</list>", "<#ftl>x",
                        "[#ftl output_format='HTML']x");
        assertThat(render("[#list 1..200000000 as i]x[/#list] [=what] #{count}"))
                .as("without the header, square brackets and other interpolations are text")
                .isEqualTo("[#list 1..200000000 as i]x[/#list] [=what] #{count}");
    }

    @Test
    void builtInsThatAllocateOrReachOutAreRefusedByName() {
        for (String builtIn : List.of("left_pad(400000000)", "right_pad(400000000, 'y')", "leftPad(400000000)",
                "replace('', 'xxxxxxxx')",
                "split('')", "chunk(1)", "join(',')", "interpret", "eval", "eval_json", "number", "matches('(a+)+$')", "keys",
                "sequence", "url('UTF-8')", "absolute_template_name", "api", "new()", "markup_string", "word_list", "size")) {
            String name = builtIn.replaceAll("\\(.*", "");
            refused(PressProblems.NOT_ALLOWED, "?" + name, "${what?" + builtIn + "}", "${'x'?" + builtIn + "}");
        }
        for (String escape : List.of("${what?no_esc}", "${'x'?esc}")) {
            assertThatThrownBy(() -> render(escape)).as("refused as FreeMarker parses plain "
                    + "text").isInstanceOf(PlaceholderException.class)
                    .hasMessageContaining("?" + escape.replaceAll(".*\\?|}", ""));
        }
        assertThatThrownBy(() -> PlaceholderValues.of(List.of(new Placeholder("count", PlaceholderType.NUMBER, null)),
                Map.of("count", "1e999999999"), "KCPD", List.of(), "")).as("a number is written out, not as an exponent")
                .isInstanceOf(PlaceholderException.class).hasMessageContaining("'count' (NUMBER) is not a number like 1234");
    }

    @Test
    void sequencesRangesAndHashesAreRefused() {
        refused(PressProblems.NOT_ALLOWED, "ranges (..)", "${(1..200000000)?has_content?c}",
                "<#if (1..9)?has_content>x</#if>", "${(1..<200000000)?has_content?c}", "${(1..*200000000)?has_content?c}",
                "${\"${(1..200000000)?has_content?c}\"}");
        refused(PressProblems.NOT_ALLOWED, "([...])", "${[1, 2, 3]?has_content?c}");
        refused(PressProblems.NOT_ALLOWED, "({...})", "${{'a': 1}?has_content?c}");
        refused(PressProblems.NOT_ALLOWED, "(...[...])", "${what[0]}", "${.vars['what']}", "${what[0..]}");
        refused(PressProblems.NOT_ALLOWED, "is not allowed", "${.now}", "${.globals.what}", "${what.length}",
                "${day?string.short}");
    }

    @Test
    void loopsAssignmentsMacrosFunctionsAndRecursionAreRefused() {
        refused(PressProblems.NOT_ALLOWED, "#list", "<#list 1..200000000 as i>${i}</#list>", "<#list [1] as i>x</#list>");
        refused(PressProblems.NOT_ALLOWED, "#macro", "<#macro m><@m/></#macro><@m/>");
        refused(PressProblems.NOT_ALLOWED, "#function", "<#function f n><#return f(n)></#function>${f(1)}");
        refused(PressProblems.NOT_ALLOWED, "#assign", "<#assign s = what>${s}", "<#assign s>${what}</#assign>");
        refused(PressProblems.NOT_ALLOWED, "is not allowed", "<#global s = 1>", "<#include 'x'>", "<#import 'x' as y>",
                "<#attempt>x<#recover>y</#attempt>", "<#setting locale='de'>", "<#noautoesc>x</#noautoesc>",
                        "<#compress>x</#compress>",
                "<#outputformat 'HTML'>x</#outputformat>", "<#switch count><#case 3>x</#switch>", "<#visit what>", "<#stop>",
                "<#flush>");
        refused(PressProblems.NOT_ALLOWED, "the directive <@what/>", "<@what/>");
        refused(PressProblems.NOT_ALLOWED, "calling 'what(1)'", "${what(1)}");
    }

    @Test
    void deepNestingIsRefusedBeforeAnythingRecursesWithoutBound() {
        refused(PressProblems.NOT_ALLOWED, "deep", "${" + "1 + ".repeat(100) + "1}",
                "${" + "(".repeat(70) + "1" + ")".repeat(70) + "}", "${" + "-(".repeat(999) + "1" + ")".repeat(999) + "}",
                "${" + "!".repeat(64) + "true}", "${what" + "?trim".repeat(70) + "}",
                "<#if true>".repeat(200) + "x" + "</#if>".repeat(200));
    }

    @Test
    void floodsThatFreeMarkersParserTakesSuperLinearTimeOverAreRefusedBeforeItParses() {
        refused(PressProblems.LIMIT, "a template part may have at most", "${" + "!".repeat(19000) + "true}",
                "${what" + "!".repeat(200) + "}", "${" + "! ".repeat(9000) + "true}", "${" + "1 + ".repeat(4900) + "1}",
                "${" + "(".repeat(9000) + "1" + ")".repeat(9000) + "}", "${what} ".repeat(2000),
                "<#if true>".repeat(2000) + "x" + "</#if>".repeat(2000));
        assertThat(renderer.parses()).as("none reached FreeMarker's parser").isZero();
        assertThat(render("URGENT!!! ${(!(count > 2))?c}")).isEqualTo("URGENT!!! false");
    }

    @Test
    void placeholderValuesReadOverAndOverAreBoundedBeforeAnythingIsBuilt() {
        refused(PressProblems.LIMIT, "reads placeholder values of", "${long" + " + long".repeat(20) + "}",
                "${\"" + "${long}".repeat(21) + "\"}", "${" + "long?upper_case + ".repeat(20) + "long}",
                "<#if count gt 1>" + "${long}".repeat(11) + "<#else>" + "${long}".repeat(10) + "</#if>");
        assertThat(render("${long + long}")).hasSize(10000);
    }

    @Test
    void theOutputStopsAtItsCap() {
        StrictRenderer small = new StrictRenderer(new RenderingLimits(1000, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> small.render("body", "y".repeat(1001), values.model(), Locale.US))
                .hasMessageContaining("renders to more than 1000 characters");
        assertThat(small.render("body", "y".repeat(1000), values.model(), Locale.US)).hasSize(1000);
        assertThatThrownBy(() -> renderer.render("title", "${what}".repeat(40) + "t".repeat(100), values.model(), Locale.US))
                .as("a title fits its column").hasMessageContaining("renders to more than 300 characters");
    }

    @Test
    void aRenderingPastItsDeadlineStops() {
        AtomicLong now = new AtomicLong();
        StrictRenderer slow = new StrictRenderer(new RenderingLimits(1000, Duration.ofMillis(2000)),
                () -> now.getAndAdd(1_000_000_000L));
        assertThatThrownBy(() -> slow.render("body", "a ${what} b ${what} c ${what}", values.model(), Locale.US))
                .isInstanceOf(ProblemException.class).hasMessageContaining("takes longer than 2000 ms to render");
    }

    @Test
    void whatReleasesNeedStaysAllowed() {
        assertThat(render("<#-- note -->${what?cap_first} on ${day} (${day?string('yyyy-MM-dd')}) for ${count} "
                + "<#if count gt 1 && what?has_content>people<#elseif count == 1>person<#else>nobody</#if>, "
                + "${(count > 2)?then('many', 'few')} ${count?string('0.00')} ${(missing!'none')?upper_case} ${missing???c} "
                + "${\"${what} again\"} ${count * 2 + 1} ${what?length} ${-count?abs}"))
                .isEqualTo("Meeting on November 29, 2026 (2026-11-29) for 3 people, many 3.00 NONE false meeting again 7 7 -3");
    }
}
