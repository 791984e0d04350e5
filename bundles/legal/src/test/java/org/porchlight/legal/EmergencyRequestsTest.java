package org.porchlight.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.legal.LegalDemandsTest.assertProblem;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestDatabase;

/** Emergency requests against the real schema on H2: review rules, the review window and overdue notices, with a clock. */
class EmergencyRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T05:30:00Z");
    private static final UUID OFFICER = UUID.randomUUID();
    private static final UUID SUPERVISOR = UUID.randomUUID();
    private static final String JUSTIFICATION = "A child was reported abducted from the 1400 block; the suspect vehicle passed "
            + "the vendor's cameras minutes ago and every minute counts.";

    private TestClock clock;
    private final List<Notification> outbox = new ArrayList<>();
    private volatile boolean outboxRunning = true;
    private EmergencyRequests emergencies;

    @BeforeEach
    void store() {
        clock = new TestClock(NOW);
        Outbox recording = (Connection transaction, List<Notification> notifications) -> {
            outbox.addAll(notifications);
            return notifications.size();
        };
        emergencies = new EmergencyRequests(TestDatabase.inMemory("legal"), clock, Duration.ofHours(24), () -> outboxRunning ? recording : null);
    }

    @Test
    void aReviewIsDue24HoursAfterTheRequestWasMadeAndFlaggedWhenOverdue() {
        EmergencyRequest request = emergencies.create("KCPD", OFFICER, details(NOW.minus(Duration.ofHours(2))));
        assertThat(request.reviewDueAt()).isEqualTo(NOW.plus(Duration.ofHours(22)));
        assertThat(request.reviewOverdue()).isFalse();
        assertThat(emergencies.overdueCount("KCPD")).isZero();

        clock.advance(Duration.ofHours(22).plusSeconds(1));
        assertThat(emergencies.find("KCPD", request.id()).orElseThrow().reviewOverdue()).isTrue();
        assertThat(emergencies.overdueCount("KCPD")).isEqualTo(1);
        assertThat(emergencies.overdueCount("JCSO")).isZero();
        assertThat(emergencies.list("KCPD", null, true, 100, 0)).extracting(EmergencyRequest::id).containsExactly(request.id());

        EmergencyRequest reviewed = emergencies.review("KCPD", request.id(), SUPERVISOR, ReviewVerdict.JUSTIFIED, null).orElseThrow();
        assertThat(reviewed.reviewOverdue()).isFalse();
        assertThat(reviewed.review().late()).isTrue();
        assertThat(emergencies.overdueCount("KCPD")).isZero();
        assertThat(emergencies.list("KCPD", null, true, 100, 0)).isEmpty();
    }

    @Test
    void recordingLateBuysNoTime() {
        EmergencyRequest request = emergencies.create("KCPD", OFFICER, details(NOW.minus(Duration.ofHours(30))));
        assertThat(request.reviewOverdue()).isTrue();
        assertThat(request.recordedAt()).isEqualTo(NOW);
    }

    @Test
    void aSupervisorOtherThanTheRequesterReviewsOnce() {
        EmergencyRequest own = emergencies.create("KCPD", SUPERVISOR, details(null));
        assertProblem(() -> emergencies.review("KCPD", own.id(), SUPERVISOR, ReviewVerdict.JUSTIFIED, null), 403, null);
        assertThat(emergencies.find("KCPD", own.id()).orElseThrow().review()).isNull();

        EmergencyRequest request = emergencies.create("KCPD", OFFICER, details(null));
        assertProblem(() -> emergencies.review("KCPD", request.id(), SUPERVISOR, ReviewVerdict.NOT_JUSTIFIED, " "), 400, "note");
        EmergencyRequest reviewed = emergencies.review("KCPD", request.id(), SUPERVISOR, ReviewVerdict.NOT_JUSTIFIED,
                "No imminent danger; a warrant was possible.").orElseThrow();
        assertThat(reviewed.review().verdict()).isEqualTo(ReviewVerdict.NOT_JUSTIFIED);
        assertThat(reviewed.review().late()).isFalse();
        assertProblem(() -> emergencies.review("KCPD", request.id(), UUID.randomUUID(), ReviewVerdict.JUSTIFIED, null), 409, null);
        assertThat(emergencies.review("JCSO", request.id(), SUPERVISOR, ReviewVerdict.JUSTIFIED, null)).isEmpty();
    }

    @Test
    void aJustificationIsRequiredAndTimesAreBounded() {
        assertProblem(() -> emergencies.create("KCPD", OFFICER, new EmergencyRequests.Details("Acme", null, "scope",
                "too short" + " ".repeat(60), // long enough only with the padding
                NOW.minusSeconds(600), NOW, null)), 400, "justification");
        assertProblem(() -> emergencies.create("KCPD", OFFICER, details(NOW.plus(Duration.ofHours(1)))), 400, "requestedAt");
        assertProblem(() -> emergencies.create("KCPD", OFFICER, details(NOW.minus(Duration.ofDays(400)))), 400, "requestedAt");
        assertProblem(() -> emergencies.create("KCPD", OFFICER, new EmergencyRequests.Details("Acme", null, "scope", JUSTIFICATION,
                NOW, NOW.minusSeconds(1), null)), 400, "footageTo");
    }

    @Test
    void theAgencyIsToldOnceOfEachNewRequestAndOnceOfEachOverdueReview() {
        EmergencyRequest request = emergencies.create("KCPD", OFFICER, details(null));
        assertThat(outbox).singleElement().satisfies(n -> {
            assertThat(n.topic()).isEqualTo(EmergencyRequests.TOPIC_REVIEW_NEEDED);
            assertThat(n.recipient().agency()).isEqualTo("KCPD");
            assertThat(n.data()).containsEntry("emergencyRequest", request.id().toString());
        });
        outbox.clear();

        assertThat(emergencies.overdueUnnotified(10)).isEmpty();
        clock.advance(Duration.ofHours(25));
        List<EmergencyRequests.Overdue> overdue = emergencies.overdueUnnotified(10);
        assertThat(overdue).extracting(EmergencyRequests.Overdue::id).containsExactly(request.id());
        Outbox recording = (c, notifications) -> {
            outbox.addAll(notifications);
            return notifications.size();
        };
        List<UUID> recorded = new ArrayList<>();
        EmergencyRequests.NoticeRecord record = (c, told) -> recorded.add(told.id());
        assertThat(emergencies.notifyOverdue(overdue.get(0), recording, record)).isTrue();
        assertThat(emergencies.notifyOverdue(overdue.get(0), recording, record)).as("another node got there first").isFalse();
        assertThat(recorded).as("recorded once, with the notice").containsExactly(request.id());
        assertThat(outbox).singleElement().satisfies(n -> {
            assertThat(n.topic()).isEqualTo(EmergencyRequests.TOPIC_REVIEW_OVERDUE);
            assertThat(n.key()).isEqualTo("emergency-request.review-overdue:" + request.id());
            assertThat(n.text()).doesNotContain(JUSTIFICATION);
        });
        assertThat(emergencies.overdueUnnotified(10)).isEmpty();
    }

    @Test
    void withoutAnOutboxRequestsAreStillRecorded() {
        outboxRunning = false;
        EmergencyRequest request = emergencies.create("KCPD", OFFICER, details(null));
        assertThat(emergencies.find("KCPD", request.id())).isPresent();
        assertThat(outbox).isEmpty();
    }

    private static EmergencyRequests.Details details(Instant requestedAt) {
        return new EmergencyRequests.Details("Acme Doorbells", "2026-0042", "Cameras on the 1400 block, 14:00-14:30",
                JUSTIFICATION, NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)), requestedAt);
    }
}
