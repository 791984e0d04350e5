package org.porchlight.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.PortalResources;
import org.porchlight.transparency.TransparencyPage;

class TransparencyViewTest {

    /** Texts as keys with their arguments, so the test sees what was asked for. */
    private static final TransparencyView.Texts KEYS = (key, args) -> args.length == 0 ? key : key + List.of(args);

    @Test
    void aChartPerHeadlineFigureOfEveryAvailableSectionWithTheMonthsNumbersInItsTable() {
        Map<String, Object> model = TransparencyView.model(page(), Locale.ENGLISH, KEYS);
        List<Map<String, Object>> charts = list(model, "charts");
        assertThat(charts).extracting(c -> c.get("id")).containsExactly("chart-requests-requestsmade", "chart-requests-shared",
                "chart-requests-declined");
        Map<String, Object> made = charts.get(0);
        assertThat(list(made, "rows")).extracting(r -> r.get("month") + "=" + r.get("value")).containsExactly("2026-10=0", "2026-11=3");
        assertThat((String) made.get("svg")).contains("<title id=\"chart-requests-requestsmade-title\">");
        assertThat((String) made.get("desc")).isEqualTo("transparency.chart.desc[October 2026, November 2026, 3, November 2026, 3]");
        assertThat((String) charts.get(2).get("desc")).isEqualTo("transparency.chart.descNone[October 2026, November 2026]");
    }

    @Test
    void everyFigureOfASectionIsAColumnRatesArePercentagesAndMissingOnesADash() {
        Map<String, Object> model = TransparencyView.model(page(), Locale.ENGLISH, KEYS);
        Map<String, Object> requests = list(model, "sections").get(0);
        assertThat(list(requests, "columns")).extracting(c -> c.get("key")).containsExactly("requestsMade", "shareRate",
                "ownersFiguresWithheld");
        assertThat(list(requests, "rows").get(1).get("cells")).isEqualTo(List.of("3", "50 %", "2"));
        assertThat(list(requests, "rows").get(0).get("cells")).isEqualTo(List.of("–", "–", "–"));
    }

    @Test
    void thePrivacyNotesFollowTheFiguresAndNameAFailedSection() {
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) TransparencyView.model(page(), Locale.ENGLISH, KEYS).get("notes");
        assertThat(notes).contains("transparency.note.aggregates[America/Chicago]", "transparency.note.owners",
                "transparency.note.withheld[2]", "transparency.note.unavailable[legal]");
    }

    @Test
    void aFigurePerCampaignIsNamedByItsFigureAndCampaign() {
        TransparencyView.Texts texts = (key, args) -> "transparency.figure.unitsEarned".equals(key) ? "Units earned" : key;
        assertThat(TransparencyView.figureLabel("unitsEarned:Spring <drive>", texts)).isEqualTo("Units earned – Spring <drive>");
        assertThat(TransparencyView.figureLabel("somethingNew", texts)).isEqualTo("somethingNew");
    }

    @Test
    void thePluginsTheAgencyUsesAreListedByNameWhatTheyDoAndVersion() {
        TransparencyPage page = page().withPlugins(List.of(
                new TransparencyPage.PluginUse("request-policy", "gov.kcmo.limits", "KC limits", null, "1.2.0", null),
                new TransparencyPage.PluginUse("camera-registry", "org.porchlight.integration.watchkc", "WatchKC",
                        "Imports feeds", "0.2.0", "kcpd-watchkc")));
        List<Map<String, Object>> plugins = list(TransparencyView.model(page, Locale.ENGLISH, KEYS), "plugins");
        assertThat(plugins).extracting(p -> p.get("name") + "|" + p.get("kind") + "|" + p.get("description") + "|"
                + p.get("version") + "|" + p.get("source")).containsExactly(
                        "KC limits|transparency.plugins.kind.request-policy||1.2.0|",
                        "WatchKC|transparency.plugins.kind.camera-registry|Imports feeds|0.2.0|kcpd-watchkc");
        assertThat(list(TransparencyView.model(page(), Locale.ENGLISH, KEYS), "plugins")).isEmpty();
    }

    @Test
    void templatesHaveNoInlineScriptOrStyleAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    private static TransparencyPage page() {
        Map<String, Object> october = new LinkedHashMap<>();
        october.put("month", "2026-10");
        october.put("requests", Map.of());
        Map<String, Object> november = new LinkedHashMap<>();
        november.put("month", "2026-11");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requestsMade", 3);
        figures.put("shareRate", 0.5);
        figures.put("ownersFiguresWithheld", 2);
        november.put("requests", figures);
        return new TransparencyPage(new TransparencyPage.Agency("KCPD", "Kansas City Police"), "America/Chicago", "2026-10", "2026-11",
                List.of(october, november), List.of(new TransparencyPage.Section("legal", false), new TransparencyPage.Section("requests", true)),
                Instant.parse("2026-11-29T12:00:00Z"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> model, String key) {
        return (List<Map<String, Object>>) model.get(key);
    }
}
