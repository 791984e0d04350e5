package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.problem.ProblemException;

class StrictRendererTest {

    private final StrictRenderer renderer = new StrictRenderer(RenderingLimits.defaults());

    private static PlaceholderValues values(List<Placeholder> declared, Map<String, String> given) {
        return PlaceholderValues.of(declared, given, "Kansas City PD", List.of(), "");
    }

    private String text(String source, PlaceholderValues v) {
        return renderer.render("body", source, v.model(), Locale.US);
    }

    private String html(String source, PlaceholderValues v) {
        return StrictRenderer.html(text(source, v));
    }

    @Test
    void rendersTypedPlaceholdersInTheLocale() {
        PlaceholderValues v = values(List.of(new Placeholder("day", PlaceholderType.DATE, null),
                new Placeholder("count", PlaceholderType.NUMBER, null), new Placeholder("agency", PlaceholderType.AGENCY_NAME, null),
                new Placeholder("what", PlaceholderType.TEXT, null)), Map.of("day", "2026-11-29", "count", "1234", "what", "a meeting"));
        assertThat(text("${agency} holds ${what} on ${day} for ${count} residents.", v))
                .isEqualTo("Kansas City PD holds a meeting on November 29, 2026 for 1,234 residents.");
    }

    @Test
    void anUndeclaredPlaceholderIsAnErrorNamingIt() {
        PlaceholderValues v = values(List.of(), Map.of());
        assertThatThrownBy(() -> text("Meet us on ${meetingDay}.", v)).isInstanceOf(PlaceholderException.class)
                .hasMessageContaining("'meetingDay'");
    }

    @Test
    void aMissingValueIsAnErrorNamingThePlaceholderNeverABlank() {
        assertThatThrownBy(() -> values(List.of(new Placeholder("what", PlaceholderType.TEXT, null)), Map.of()))
                .isInstanceOf(PlaceholderException.class).hasMessageContaining("'what' (TEXT) has no value");
    }

    @Test
    void aMistypedValueIsAnErrorNamingThePlaceholder() {
        assertThatThrownBy(() -> values(List.of(new Placeholder("count", PlaceholderType.NUMBER, null)), Map.of("count", "many")))
                .isInstanceOf(PlaceholderException.class).hasMessageContaining("'count' (NUMBER) is not a number");
        assertThatThrownBy(() -> values(List.of(new Placeholder("day", PlaceholderType.DATE, null)), Map.of("day", "next Tuesday")))
                .isInstanceOf(PlaceholderException.class).hasMessageContaining("'day' (DATE)");
    }

    @Test
    void usingAPlaceholderAsTheWrongTypeIsAnErrorNamingIt() {
        PlaceholderValues v = values(List.of(new Placeholder("what", PlaceholderType.TEXT, null)), Map.of("what", "x"));
        assertThatThrownBy(() -> text("${what * 2}", v)).isInstanceOf(PlaceholderException.class).hasMessageContaining("what");
    }

    @Test
    void htmlOutputIsEscapedAndPlainTextIsNot() {
        PlaceholderValues v = values(List.of(new Placeholder("what", PlaceholderType.TEXT, null)),
                Map.of("what", "<script>alert('x')</script> & more"));
        assertThat(html("Hello\n${what}\n\nBye", v))
                .isEqualTo("<p>Hello<br>\n&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</p>\n<p>Bye</p>\n");
        assertThat(text("${what}", v)).isEqualTo("<script>alert('x')</script> & more");
    }

    @Test
    void neitherTheTemplatesOwnTextNorAnEscapeHatchPutsMarkupInTheHtml() {
        PlaceholderValues v = values(List.of(new Placeholder("what", PlaceholderType.TEXT, null)), Map.of("what", "<b>x</b>"));
        assertThat(html("<img src=x onerror=alert(1)>", v)).isEqualTo("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
        for (String hatch : List.of("${what?no_esc}", "<#noautoesc>${what}</#noautoesc>", "<#outputformat 'HTML'>${what?no_esc}</#outputformat>",
                "<#assign t = \"<#outputformat 'HTML'>\\${what?no_esc}</#outputformat>\"?interpret><@t/>", "${'<b>x</b>'?no_esc}")) {
            String html;
            try {
                html = html(hatch, v);
            } catch (ProblemException refused) {
                continue; // refused outright is fine too
            }
            assertThat(html).as(hatch).doesNotContain("<b>");
        }
    }

    @Test
    void aTemplateCannotReachClassesTheApiOrFiles() {
        PlaceholderValues v = values(List.of(new Placeholder("what", PlaceholderType.TEXT, null)), Map.of("what", "x"));
        assertThatThrownBy(() -> text("<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}", v))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> text("${what?api}", v)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> text("<#include \"/etc/passwd\">", v)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> text("<#assign x = \"java.lang.Runtime\"?new()>", v)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aSyntaxErrorNamesThePlace() {
        assertThatThrownBy(() -> text("Hello ${", values(List.of(), Map.of()))).isInstanceOf(PlaceholderException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void programmeFiguresAndTheDisclosureAreFilledByPorchlight() {
        List<IncentiveFigures.Programme> programmes = List.of(new IncentiveFigures.Programme(UUID.randomUUID(), "Doorbell Drive",
                "Acme Doorbells", 240, 12, 10, Instant.parse("2026-01-15T00:00:00Z")));
        String block = PartnershipDisclosure.block("KCPD", programmes);
        PlaceholderValues v = PlaceholderValues.of(List.of(new Placeholder("units", PlaceholderType.PROGRAM_FIGURE, "acme doorbells:unitsEarned")),
                Map.of(), "KCPD", programmes, block);
        assertThat(text("${units} cameras. ${disclosure}", v)).isEqualTo("12 cameras. " + block);
        assertThat(block).isEqualTo("Partnership disclosure: KCPD takes part in \"Doorbell Drive\" with Acme Doorbells since 2026-01-15: "
                + "240 resident sign-ups attributed, 12 units received, 10 given away.");
        assertThatThrownBy(() -> PlaceholderValues.of(List.of(new Placeholder("units", PlaceholderType.PROGRAM_FIGURE, "Other:unitsEarned")),
                Map.of(), "KCPD", programmes, block)).hasMessageContaining("'units' (PROGRAM_FIGURE)");
    }

    @Test
    void loopsMacrosRangesAndAmplifyingBuiltInsAreRefusedByName() {
        PlaceholderValues v = values(List.of(new Placeholder("what", PlaceholderType.TEXT, null),
                new Placeholder("count", PlaceholderType.NUMBER, null)), Map.of("what", "x", "count", "3"));
        assertThatThrownBy(() -> text("<#list 1..2000000000 as i></#list>", v)).hasMessageContaining("#list");
        assertThatThrownBy(() -> text("<#macro m><@m/></#macro><@m/>", v)).hasMessageContaining("#macro");
        assertThatThrownBy(() -> text("${what?left_pad(2000000000)}", v)).hasMessageContaining("?left_pad");
        assertThatThrownBy(() -> text("${\"x\"?interpret}", v)).hasMessageContaining("?interpret");
        assertThatThrownBy(() -> text("${(1..2000000000)?has_content?c}", v)).hasMessageContaining("..");
        assertThatThrownBy(() -> text("<#if (1..9)?has_content>x</#if>", v)).hasMessageContaining("..");
        assertThatThrownBy(() -> text("<#setting locale=\"de\">", v)).hasMessageContaining("#setting");
    }

    @Test
    void ordinaryTemplatesStayAllowed() {
        PlaceholderValues v = values(List.of(new Placeholder("what", PlaceholderType.TEXT, null),
                new Placeholder("count", PlaceholderType.NUMBER, null)), Map.of("what", "meeting", "count", "3"));
        assertThat(text("<#-- a note: <#list> -->Why? Because... ${what?cap_first} <#if count gt 1>for ${count} people<#else>alone</#if>"
                + " ${\"a?join..b\"} [#list x]", v)).isEqualTo("Why? Because... Meeting for 3 people a?join..b [#list x]");
    }
}
