package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.NotificationSubjects.Subject;

class LateDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final LateDelivery late = new LateDelivery(Duration.ofMinutes(30));

    @Test
    void aFreshNotificationWhoseSubjectIsStillOpenOrUnknownGoesOut() {
        assertThat(late.skipReason(NOW.minusSeconds(60), NOW, new Subject(true, Set.of()))).isNull();
        assertThat(late.skipReason(NOW.minusSeconds(60), NOW, null)).isNull();
        assertThat(late.skipReason(NOW.minus(Duration.ofMinutes(30)), NOW, null)).as("exactly the maximum age").isNull();
    }

    @Test
    void oneOlderThanTheMaximumAgeIsSkippedWhateverItsSubject() {
        assertThat(late.skipReason(NOW.minus(Duration.ofMinutes(30)).minusMillis(1), NOW, new Subject(true, Set.of())))
                .startsWith("too-old").contains("30 minutes");
        assertThat(late.skipReason(NOW.minus(Duration.ofDays(3)), NOW, null)).startsWith("too-old");
        assertThat(late.skipReason(NOW.minus(Duration.ofHours(2)), NOW, Subject.GONE)).startsWith("too-old");
    }

    @Test
    void oneAboutSomethingClosedOrGoneIsSkippedHoweverFresh() {
        assertThat(late.skipReason(NOW, NOW, new Subject(false, Set.of()))).startsWith("not-actionable");
        assertThat(late.skipReason(NOW.minusSeconds(1), NOW, Subject.GONE)).startsWith("not-actionable");
    }

    @Test
    void aMaximumAgeMustBePositive() {
        assertThatThrownBy(() -> new LateDelivery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LateDelivery(Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
