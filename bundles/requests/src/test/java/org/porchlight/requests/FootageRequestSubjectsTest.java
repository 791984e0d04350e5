package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FootageRequestSubjectsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void onlyAnActiveRequestBeforeItsExpiryStillNeedsActingOn() {
        assertThat(FootageRequestSubjects.open("ACTIVE", NOW.plusSeconds(1), NOW)).isTrue();
        assertThat(FootageRequestSubjects.open("ACTIVE", NOW, NOW)).as("expires now").isFalse();
        assertThat(FootageRequestSubjects.open("ACTIVE", NOW.minusSeconds(1), NOW)).as("past expiry, not yet marked").isFalse();
        for (RequestState ended : RequestState.values()) {
            if (ended != RequestState.ACTIVE) {
                assertThat(FootageRequestSubjects.open(ended.name(), NOW.plusSeconds(3600), NOW)).as(ended.name()).isFalse();
            }
        }
    }

    @Test
    void anOwnersFinalAnswersEndWhatIsAskedOfThemAndAnyOtherStatusDoesNot() {
        assertThat(FootageRequestSubjects.ANSWERED).containsExactlyInAnyOrder("SHARED", "NOTHING", "DECLINED", "NO_ANSWER");
        assertThat(FootageRequestSubjects.ANSWERED).doesNotContain(DeliveryStatus.PENDING.name());
    }
}
