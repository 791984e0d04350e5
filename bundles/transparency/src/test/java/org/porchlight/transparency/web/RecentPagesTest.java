package org.porchlight.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RecentPagesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private final RecentPages recent = new RecentPages();
    private final AtomicInteger made = new AtomicInteger();

    private static RecentPages.Key key(String code, String name, Locale locale, long sources) {
        return new RecentPages.Key(code, name, CHICAGO, YearMonth.of(2026, 1), YearMonth.of(2026, 12), locale, sources);
    }

    private Map<String, Object> model(RecentPages.Key key, Instant at, Duration keep, boolean complete) {
        return recent.model(key, at, keep, () -> new RecentPages.Made(Map.of("made", made.incrementAndGet()), complete));
    }

    @Test
    void aPageIsMadeOnceWhileItIsKeptAndAgainOnceItExpired() {
        RecentPages.Key kcpd = key("KCPD", "Kansas City Police", Locale.ENGLISH, 1);
        assertThat(model(kcpd, NOW, MINUTE, true)).containsEntry("made", 1);
        assertThat(model(kcpd, NOW.plusSeconds(59), MINUTE, true)).containsEntry("made", 1);
        assertThat(model(kcpd, NOW.plusSeconds(60), MINUTE, true)).as("expired").containsEntry("made", 2);
        assertThat(model(kcpd, NOW.plusSeconds(61), MINUTE, true)).containsEntry("made", 2);
    }

    @Test
    void eachAgencyNameLanguageRangeAndSourceGenerationHasItsOwnPage() {
        assertThat(model(key("KCPD", "Kansas City Police", Locale.ENGLISH, 1), NOW, MINUTE, true)).containsEntry("made", 1);
        assertThat(model(key("KCPD", "Kansas City Police", new Locale("es"), 1), NOW, MINUTE, true)).containsEntry("made", 2);
        assertThat(model(key("OPPD", "Overland Park Police", Locale.ENGLISH, 1), NOW, MINUTE, true)).containsEntry("made", 3);
        assertThat(model(key("KCPD", "KC Police", Locale.ENGLISH, 1), NOW, MINUTE, true)).as("renamed").containsEntry("made", 4);
        assertThat(model(key("KCPD", "Kansas City Police", Locale.ENGLISH, 2), NOW, MINUTE, true))
                .as("a source came or went").containsEntry("made", 5);
        RecentPages.Key otherRange = new RecentPages.Key("KCPD", "Kansas City Police", CHICAGO, YearMonth.of(2026, 12),
                YearMonth.of(2026, 12), Locale.ENGLISH, 1);
        assertThat(model(otherRange, NOW, MINUTE, true)).containsEntry("made", 6);
        assertThat(model(key("KCPD", "Kansas City Police", Locale.ENGLISH, 1), NOW, MINUTE, true)).containsEntry("made", 1);
    }

    @Test
    void aPageWithAFailedSectionIsNotKeptNorIsAnyWhenKeepingIsOff() {
        RecentPages.Key kcpd = key("KCPD", "Kansas City Police", Locale.ENGLISH, 1);
        assertThat(model(kcpd, NOW, MINUTE, false)).containsEntry("made", 1);
        assertThat(model(kcpd, NOW, MINUTE, false)).containsEntry("made", 2);
        assertThat(model(kcpd, NOW, Duration.ZERO, true)).containsEntry("made", 3);
        assertThat(model(kcpd, NOW, Duration.ZERO, true)).containsEntry("made", 4);
        assertThat(recent.size()).isZero();
        assertThat(model(kcpd, NOW, MINUTE, true)).containsEntry("made", 5);
        assertThat(model(kcpd, NOW.plusSeconds(61), MINUTE, false)).containsEntry("made", 6);
        assertThat(model(kcpd, NOW.plusSeconds(62), MINUTE, true)).as("the incomplete page replaced the kept one")
                .containsEntry("made", 7);
    }

    @Test
    void anyRangeCanBeAskedForSoOnlySoManyPagesAreKept() {
        for (int i = 0; i < RecentPages.MAX_KEPT * 3; i++) {
            model(key("A" + i, "Agency", Locale.ENGLISH, 1), NOW.plusSeconds(i / RecentPages.MAX_KEPT * 120L), MINUTE, true);
            assertThat(recent.size()).isLessThanOrEqualTo(RecentPages.MAX_KEPT);
        }
        int before = made.get();
        model(key("A" + (RecentPages.MAX_KEPT * 3 - 1), "Agency", Locale.ENGLISH, 1), NOW.plusSeconds(240), MINUTE, true);
        assertThat(made.get()).as("the latest is still kept").isEqualTo(before);
    }
}
