package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.notify.NotificationSubjects.Subject;

class SubjectLookupTest {

    private static final Subject CLOSED = new Subject(false, Set.of());

    @Test
    void eachOwnerIsAskedOnceForItsTopicsAndAnswersLandInOrder() {
        SubjectLookup lookup = new SubjectLookup();
        int[] calls = new int[1];
        lookup.addOwner(notifications -> {
            calls[0]++;
            return notifications.stream().map(n -> CLOSED).toList();
        }, Map.of(NotificationSubjects.TOPICS, new String[] {"footage-request", "footage-request.answer"}));
        List<Subject> found = lookup.of(List.of(note("footage-request"), note("registry.confirmation-due"), note("footage-request.answer"),
                note("footage-request.withdrawn")));
        assertThat(calls[0]).isEqualTo(1);
        assertThat(found).containsExactly(CLOSED, null, CLOSED, null);
    }

    @Test
    void anOwnerThatFailsOrAnswersForTooFewLeavesItsNotificationsUnknownRatherThanHoldingThemUp() {
        SubjectLookup lookup = new SubjectLookup();
        lookup.addOwner(notifications -> {
            throw new IllegalStateException("database away");
        }, Map.of(NotificationSubjects.TOPICS, "a.*"));
        lookup.addOwner(notifications -> List.of(), Map.of(NotificationSubjects.TOPICS, "b"));
        assertThat(lookup.of(List.of(note("a.x"), note("b")))).containsExactly(null, null);
    }

    @Test
    void aMissingAnswerCountsAsGoneAndAnOwnerThatLeftIsNotAsked() {
        SubjectLookup lookup = new SubjectLookup();
        NotificationSubjects owner = notifications -> java.util.Arrays.asList(new Subject[notifications.size()]);
        lookup.addOwner(owner, Map.of(NotificationSubjects.TOPICS, "c"));
        assertThat(lookup.of(List.of(note("c")))).containsExactly(Subject.GONE);
        lookup.removeOwner(owner);
        assertThat(lookup.of(List.of(note("c")))).containsExactly((Subject) null);
    }

    private static Notification note(String topic) {
        return new Notification("k", Notification.Recipient.account(UUID.randomUUID()), topic, "t", "", Map.of());
    }
}
