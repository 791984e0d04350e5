package org.porchlight.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;

class TransparencyPagesTest {

    private static final AgencyProfile KCPD = new AgencyProfile("KCPD", "Kansas City Police",
            new Circle(new GeoPoint(39.1, -94.58), 20_000), ZoneId.of("America/Chicago"), Map.of());
    private static final MonthRange RANGE = new MonthRange(YearMonth.of(2026, 9), YearMonth.of(2026, 11));
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void everyMonthOfTheRangeWithEverySectionsFiguresOldestFirst() {
        TransparencySource legal = (agency, from, to) -> List.of(new MonthlyFigures(YearMonth.of(2026, 10), Map.of("demands", 2)));
        TransparencySource requests = (agency, from, to) -> List.of(
                new MonthlyFigures(YearMonth.of(2026, 11), mapWithNull()),
                new MonthlyFigures(YearMonth.of(2026, 3), Map.of("requestsMade", 99))); // outside the range: dropped
        TransparencyPage page = TransparencyPages.assemble(KCPD, RANGE,
                List.of(contribution("requests", 0, 2, requests), contribution("legal", 0, 1, legal)), NOW);

        assertThat(page.agency()).isEqualTo(new TransparencyPage.Agency("KCPD", "Kansas City Police"));
        assertThat(page.timeZone()).isEqualTo("America/Chicago");
        assertThat(page.sections()).containsExactly(new TransparencyPage.Section("legal", true), new TransparencyPage.Section("requests", true));
        assertThat(page.months()).extracting(m -> m.get("month")).containsExactly("2026-09", "2026-10", "2026-11");
        assertThat(page.months().get(0)).containsEntry("legal", Map.of()).containsEntry("requests", Map.of());
        assertThat(page.months().get(1)).containsEntry("legal", Map.of("demands", 2));
        assertThat(page.months().get(2).get("requests")).isEqualTo(mapWithNull());
        assertThat(page.complete()).isTrue();
    }

    @Test
    void aSourceThatFailsIsLeftOutAndReportedWhileThePageStillAnswers() {
        TransparencySource broken = (agency, from, to) -> {
            throw new IllegalStateException("database gone");
        };
        TransparencySource legal = (agency, from, to) -> List.of(new MonthlyFigures(YearMonth.of(2026, 10), Map.of("demands", 2)));
        TransparencyPage page = TransparencyPages.assemble(KCPD, RANGE,
                List.of(contribution("broken", 0, 1, broken), contribution("legal", 0, 2, legal)), NOW);
        assertThat(page.sections()).containsExactly(new TransparencyPage.Section("broken", false), new TransparencyPage.Section("legal", true));
        assertThat(page.months().get(1)).containsOnlyKeys("month", "legal");
        assertThat(page.complete()).isFalse();
    }

    @Test
    void theGenerationOfSourcesChangesWhenOneComesOrGoes() {
        TransparencyPages pages = new TransparencyPages(new PluginsInUse(1L));
        TransparencySource legal = (agency, from, to) -> List.of();
        Map<String, Object> properties = Map.of(TransparencySource.SECTION, "legal", org.osgi.framework.Constants.SERVICE_ID, 7L);
        long before = pages.sourcesGeneration();
        pages.addSource(legal, properties);
        long added = pages.sourcesGeneration();
        pages.removeSource(legal, properties);
        assertThat(added).isNotEqualTo(before);
        assertThat(pages.sourcesGeneration()).isNotEqualTo(added).isNotEqualTo(before);
    }

    @Test
    void ofTwoSourcesForOneSectionTheHigherRankedAnswers() {
        TransparencySource low = (agency, from, to) -> List.of(new MonthlyFigures(YearMonth.of(2026, 10), Map.of("v", 1)));
        TransparencySource high = (agency, from, to) -> List.of(new MonthlyFigures(YearMonth.of(2026, 10), Map.of("v", 2)));
        TransparencyPage page = TransparencyPages.assemble(KCPD, RANGE,
                List.of(contribution("legal", 0, 1, low), contribution("legal", 10, 2, high)), NOW);
        assertThat(page.sections()).hasSize(1);
        assertThat(page.months().get(1)).containsEntry("legal", Map.of("v", 2));
    }

    private static Map<String, Number> mapWithNull() {
        Map<String, Number> figures = new java.util.LinkedHashMap<>();
        figures.put("requestsMade", 0);
        figures.put("shareRate", null);
        return figures;
    }

    private static TransparencyPages.Contribution contribution(String section, int ranking, long id, TransparencySource source) {
        return new TransparencyPages.Contribution(section, ranking, id, source);
    }
}
