package org.porchlight.notifications;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationSubjects.Subject;
import org.porchlight.api.security.Roles;
import org.porchlight.api.security.StaffDirectory;

/**
 * Which of an agency's people hear of a notification addressed to the agency: for the topics in
 * {@code staffTopics}, the agency's active supervisors and the staff assigned to its subject (the
 * officer who made the footage request), if they are active officers or supervisors of that same
 * agency. Each gets a copy addressed to their account, with the same key, topic, title, text and
 * data, so the inbox and e-mail treat it like any notification to a person. The copies carry
 * nothing the agency's own notification did not: pseudonyms, never a resident's name or address.
 * Agency admins and PIOs are not told: they do not act on answers or reviews.
 */
@Component(service = StaffRouting.class, configurationPid = NotificationsConfiguration.PID)
public class StaffRouting {

    /** Staff who may be assigned to a subject and be told of it. */
    static final Set<String> ASSIGNABLE = Set.of(Roles.OFFICER, Roles.SUPERVISOR);

    private final StaffDirectory staff;
    private final SubjectLookup subjects;
    private final Topics topics;

    @Activate
    public StaffRouting(@Reference StaffDirectory staff, @Reference SubjectLookup subjects, NotificationsConfiguration config) {
        this(staff, subjects, Topics.of(config.staffTopics()));
    }

    StaffRouting(StaffDirectory staff, SubjectLookup subjects, Topics topics) {
        this.staff = staff;
        this.subjects = subjects;
        this.topics = topics;
    }

    /** A copy of a notification for one person, created when the notification it copies was. */
    public record Copy(Notification notification, OutboxStore.Stored of) {
    }

    /**
     * The copies to add for a batch being fanned out. Asks the directory twice per agency in the
     * batch and every subject's owner once.
     */
    public List<Copy> copies(List<OutboxStore.Stored> batch) {
        List<OutboxStore.Stored> routed = batch.stream().filter(s -> s.notification().recipient().agency() != null
                && topics.contains(s.notification().topic())).toList();
        if (routed.isEmpty()) {
            return List.of();
        }
        List<Subject> found = subjects.of(routed.stream().map(OutboxStore.Stored::notification).toList());
        Map<String, People> byAgency = new LinkedHashMap<>();
        List<Copy> copies = new ArrayList<>();
        for (int i = 0; i < routed.size(); i++) {
            OutboxStore.Stored s = routed.get(i);
            People people = byAgency.computeIfAbsent(s.notification().recipient().agency(), this::people);
            for (UUID account : recipients(people, found.get(i))) {
                copies.add(new Copy(copyFor(account, s.notification()), s));
            }
        }
        return copies;
    }

    /** The agency's active supervisors, and everybody who may be assigned (officers and supervisors). */
    record People(Set<UUID> supervisors, Set<UUID> assignable) {
    }

    private People people(String agency) {
        Set<UUID> supervisors = new HashSet<>(staff.activeStaff(agency, Set.of(Roles.SUPERVISOR)));
        Set<UUID> assignable = new HashSet<>(supervisors);
        assignable.addAll(staff.activeStaff(agency, Set.of(Roles.OFFICER)));
        return new People(supervisors, assignable);
    }

    /** The rule: the supervisors, and the subject's assignees who are active officers or supervisors of the agency. */
    static Set<UUID> recipients(People people, Subject subject) {
        Set<UUID> to = new LinkedHashSet<>(people.supervisors());
        if (subject != null) {
            for (UUID assignee : subject.assignees()) {
                if (people.assignable().contains(assignee)) {
                    to.add(assignee);
                }
            }
        }
        return to;
    }

    static Notification copyFor(UUID account, Notification n) {
        return new Notification(n.key(), Notification.Recipient.account(account), n.topic(), n.title(), n.text(), n.data());
    }
}
