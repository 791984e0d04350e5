package org.porchlight.legal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class EmergencyReviewDeadlineTest {

    private static final Instant DUE = Instant.parse("2026-11-20T18:00:00Z");

    @Test
    void anUnreviewedRequestIsOverdueOnlyAfterItsDueTime() {
        assertThat(EmergencyRequest.overdue(DUE, null, DUE.minusSeconds(1))).isFalse();
        assertThat(EmergencyRequest.overdue(DUE, null, DUE)).as("due at, not overdue yet").isFalse();
        assertThat(EmergencyRequest.overdue(DUE, null, DUE.plusMillis(1))).isTrue();
    }

    @Test
    void aReviewedRequestIsNeverOverdueButMayHaveBeenReviewedLate() {
        Instant lateReview = DUE.plus(Duration.ofHours(3));
        assertThat(EmergencyRequest.overdue(DUE, lateReview, DUE.plus(Duration.ofDays(30)))).isFalse();
        assertThat(EmergencyRequest.late(DUE, lateReview)).isTrue();
        assertThat(EmergencyRequest.late(DUE, DUE)).isFalse();
        assertThat(EmergencyRequest.late(DUE, DUE.minusSeconds(60))).isFalse();
        assertThat(EmergencyRequest.late(DUE, null)).as("not reviewed is not 'reviewed late'").isFalse();
    }
}
