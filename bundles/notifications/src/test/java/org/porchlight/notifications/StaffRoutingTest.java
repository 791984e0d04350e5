package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.notify.NotificationSubjects.Subject;
import org.porchlight.api.security.Roles;
import org.porchlight.api.security.StaffDirectory;

class StaffRoutingTest {

    private final UUID sergeant = UUID.randomUUID();
    private final UUID lieutenant = UUID.randomUUID();
    private final UUID officer = UUID.randomUUID();
    private final UUID otherOfficer = UUID.randomUUID();
    private final UUID deputy = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();
    private final List<String> lookups = new ArrayList<>();

    /** KCPD: two supervisors, two officers, an admin; JCSO: one officer. Roles asked one by one, as the routing does. */
    private final StaffDirectory staff = (agency, roles) -> {
        lookups.add(agency + roles);
        List<UUID> found = new ArrayList<>();
        if (agency.equals("KCPD")) {
            if (roles.contains(Roles.SUPERVISOR)) {
                found.addAll(List.of(sergeant, lieutenant));
            }
            if (roles.contains(Roles.OFFICER)) {
                found.addAll(List.of(officer, otherOfficer));
            }
            if (roles.contains(Roles.AGENCY_ADMIN)) {
                found.add(admin);
            }
        } else if (agency.equals("JCSO") && roles.contains(Roles.OFFICER)) {
            found.add(deputy);
        }
        return found;
    };

    @Test
    void theSupervisorsAndTheAssignedOfficerHearOfAnAnswerAndNobodyElse() {
        StaffRouting routing = routing(Map.of("answer-1", new Subject(true, Set.of(officer))));
        List<StaffRouting.Copy> copies = routing.copies(List.of(stored("answer-1", "KCPD", "footage-request.answer")));
        assertThat(copies).extracting(c -> c.notification().recipient().account()).containsExactlyInAnyOrder(sergeant, lieutenant, officer);
        Notification copy = copies.get(0).notification();
        assertThat(copy.key()).isEqualTo("answer-1");
        assertThat(copy.topic()).isEqualTo("footage-request.answer");
        assertThat(copy.data()).containsEntry("pseudonym", "Neighbor 0000-0000-4821").hasSize(1);
    }

    @Test
    void anAssigneeWhoIsNotActiveStaffOfThatAgencyIsNotTold() {
        // Another agency's deputy, an agency admin, a disabled or unknown account: named by a subject, still not told.
        StaffRouting routing = routing(Map.of("answer-1", new Subject(true, Set.of(deputy, admin, UUID.randomUUID()))));
        assertThat(routing.copies(List.of(stored("answer-1", "KCPD", "footage-request.answer"))))
                .extracting(c -> c.notification().recipient().account()).containsExactlyInAnyOrder(sergeant, lieutenant);
    }

    @Test
    void anEmergencyRequestToReviewReachesTheSupervisorsEvenWithoutAnOwnerToAsk() {
        StaffRouting routing = new StaffRouting(staff, new SubjectLookup(), Topics.of(new String[] {"footage-request.answer",
                "emergency-request.*"}));
        assertThat(routing.copies(List.of(stored("er-1", "KCPD", "emergency-request.review-needed"))))
                .extracting(c -> c.notification().recipient().account()).containsExactlyInAnyOrder(sergeant, lieutenant);
    }

    @Test
    void otherTopicsNotificationsToPeopleAndAgenciesWithoutStaffGetNoCopies() {
        StaffRouting routing = routing(Map.of());
        assertThat(routing.copies(List.of(stored("x", "KCPD", "press.published"), stored("y", "JCSO", "footage-request.answer"),
                new OutboxStore.Stored(UUID.randomUUID(), new Notification("z", Recipient.account(officer), "footage-request.answer", "t",
                        "", Map.of()), Instant.now(), 0)))).isEmpty();
    }

    @Test
    void theDirectoryIsAskedOncePerAgencyAndRoleForAWholeBatch() {
        StaffRouting routing = routing(Map.of());
        List<OutboxStore.Stored> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(stored("answer-" + i, i % 2 == 0 ? "KCPD" : "JCSO", "footage-request.answer"));
        }
        assertThat(routing.copies(batch)).hasSize(50);
        assertThat(lookups).hasSize(4);
    }

    @Test
    void aCopyKeepsTheTimeItsOriginalWasCreated() {
        OutboxStore.Stored original = stored("answer-1", "KCPD", "footage-request.answer");
        assertThat(routing(Map.of()).copies(List.of(original))).allSatisfy(c -> assertThat(c.of()).isSameAs(original));
    }

    private StaffRouting routing(Map<String, Subject> byKey) {
        SubjectLookup lookup = new SubjectLookup();
        NotificationSubjects owner = notifications -> notifications.stream().map(n -> byKey.getOrDefault(n.key(), Subject.GONE)).toList();
        lookup.addOwner(owner, Map.of(NotificationSubjects.TOPICS, "footage-request.answer"));
        return new StaffRouting(staff, lookup, Topics.of(new String[] {"footage-request.answer", "emergency-request.*"}));
    }

    private static OutboxStore.Stored stored(String key, String agency, String topic) {
        return new OutboxStore.Stored(UUID.randomUUID(), new Notification(key, Recipient.agency(agency), topic, "An owner answered", "",
                Map.of("pseudonym", "Neighbor 0000-0000-4821")), Instant.now(), 0);
    }
}
