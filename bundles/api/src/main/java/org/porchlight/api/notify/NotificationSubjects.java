package org.porchlight.api.notify;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What notifications of some topics are about, answered by the bundle that owns it, at the time
 * of asking: whether it still needs acting on, and which of the agency's staff are assigned to
 * it. Register it as a service with the property {@link #TOPICS}. The notifications bundle asks
 * when it routes a notification to an agency's staff (the assignees and the supervisors hear of
 * it) and before a channel that arrived late gets an older notification (what is no longer
 * actionable is skipped, with that reason). A topic that no service speaks for counts as
 * actionable and has no assignees.
 *
 * @since 1.1
 */
@ConsumerType
public interface NotificationSubjects {

    /**
     * Service property: the topics this service speaks for, exact names or prefixes ending in
     * {@code *}, e.g. {@code footage-request.answer}.
     */
    String TOPICS = "porchlight.notify.topics";

    /**
     * The subject of each notification, in the same order, one answer per notification: for many
     * at once, so that an implementation can look them all up with one query. A subject that no
     * longer exists (purged) is {@link Subject#GONE}.
     */
    List<Subject> subjects(List<Notification> notifications);

    /**
     * A subject as its owner sees it now.
     *
     * @param actionable whether somebody still has to act on it (e.g. the footage request is
     *                   still open, the emergency request still awaits its review)
     * @param assignees  accounts of the agency's staff who work on it (e.g. the officer who made
     *                   the request); the notifications bundle tells only those who are active
     *                   staff of the notification's agency
     */
    record Subject(boolean actionable, Set<UUID> assignees) {

        /** Nothing to act on and nobody assigned: what a subject that no longer exists is. */
        public static final Subject GONE = new Subject(false, Set.of());

        public Subject {
            assignees = Set.copyOf(Objects.requireNonNull(assignees, "assignees"));
        }
    }
}
