package org.porchlight.notifications;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.notify.NotificationSubjects.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the bundles that own what notifications are about ({@link NotificationSubjects}, by topic)
 * what state it is in now: one call per bundle for a whole batch. The first service that speaks
 * for a topic answers for it. An owner that fails, or that is not there, leaves its notifications
 * unknown: they count as actionable, with nobody assigned (the agency's supervisors still hear of them).
 */
@Component(service = SubjectLookup.class)
public class SubjectLookup {

    private record Owner(NotificationSubjects service, Topics topics) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SubjectLookup.class);

    private final List<Owner> owners = new CopyOnWriteArrayList<>();

    @Reference(service = NotificationSubjects.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addOwner(NotificationSubjects service, Map<String, Object> properties) {
        owners.add(new Owner(service, Topics.of(properties.get(NotificationSubjects.TOPICS))));
    }

    void removeOwner(NotificationSubjects service) {
        owners.removeIf(o -> o.service() == service);
    }

    /**
     * The subject of each notification, in the same order; {@code null} where no bundle speaks for
     * its topic, or whose owner failed (then it counts as actionable, with nobody assigned).
     */
    public List<Subject> of(List<Notification> notifications) {
        Subject[] found = new Subject[notifications.size()];
        List<Owner> present = List.copyOf(owners);
        boolean[] asked = new boolean[notifications.size()];
        for (Owner owner : present) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < notifications.size(); i++) {
                if (!asked[i] && owner.topics().contains(notifications.get(i).topic())) {
                    positions.add(i);
                    asked[i] = true;
                }
            }
            if (positions.isEmpty()) {
                continue;
            }
            List<Subject> answers;
            try {
                answers = owner.service().subjects(positions.stream().map(notifications::get).toList());
            } catch (RuntimeException e) {
                // Not knowing is no reason to hold notifications up: they count as actionable, with nobody assigned.
                LOG.warn("{} could not say what {} notifications are about ({}); they go out as if still actionable",
                        owner.service().getClass().getName(), positions.size(), FailureText.describe(e));
                continue;
            }
            if (answers == null || answers.size() != positions.size()) {
                LOG.warn("{} answered for {} of {} notifications; they go out as if still actionable",
                        owner.service().getClass().getName(), answers == null ? 0 : answers.size(), positions.size());
                continue;
            }
            for (int i = 0; i < positions.size(); i++) {
                found[positions.get(i)] = answers.get(i) == null ? Subject.GONE : answers.get(i);
            }
        }
        return Arrays.asList(found);
    }
}
