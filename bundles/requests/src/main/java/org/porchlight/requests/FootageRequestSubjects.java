package org.porchlight.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.store.Database;
import org.porchlight.requests.store.SubjectRows;
import org.porchlight.requests.store.SubjectRows.DeliveryStanding;
import org.porchlight.requests.store.SubjectRows.RequestStanding;

/**
 * What this bundle's notifications are about, for the notifications bundle: an owner's request
 * for footage ({@code footage-request}, {@code data.request} = the owner's delivery) needs acting
 * on while the request is open and the owner has not given a final answer; an owner's answer to the agency
 * ({@code footage-request.answer}, {@code data.request} = the request) while the request is open,
 * and the officer who made the request is assigned to it. Open: {@code ACTIVE} and not past its
 * expiry. One query per kind for a whole batch.
 */
@Component(property = {NotificationSubjects.TOPICS + "=" + FootageRequestSubjects.ASKED,
        NotificationSubjects.TOPICS + "=" + FootageRequestSubjects.ANSWER})
public class FootageRequestSubjects implements NotificationSubjects {

    static final String ASKED = "footage-request";
    static final String ANSWER = "footage-request.answer";

    /** An owner's final answers: after one, the request asks nothing more of them (any other status still does). */
    static final Set<String> ANSWERED = Set.of(DeliveryStatus.SHARED.name(), DeliveryStatus.NOTHING.name(),
            DeliveryStatus.DECLINED.name(), DeliveryStatus.NO_ANSWER.name());

    private final Database database;
    private final SubjectRows rows = new SubjectRows();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public FootageRequestSubjects(@Reference Database database) {
        this.database = database;
    }

    @Override
    public List<Subject> subjects(List<Notification> notifications) {
        Map<UUID, Subject> asked = new HashMap<>();
        Map<UUID, Subject> answered = new HashMap<>();
        for (Notification n : notifications) {
            UUID id = id(n.data().get("request"));
            if (id != null) {
                (ANSWER.equals(n.topic()) ? answered : asked).put(id, Subject.GONE);
            }
        }
        Instant now = clock.instant();
        database.withConnection(c -> {
            for (RequestStanding r : rows.requests(c, List.copyOf(answered.keySet()))) {
                answered.put(r.id(), new Subject(open(r.state(), r.expiresAt(), now), Set.of(r.createdBy())));
            }
            for (DeliveryStanding d : rows.deliveries(c, List.copyOf(asked.keySet()))) {
                asked.put(d.id(), new Subject(open(d.requestState(), d.expiresAt(), now) && !ANSWERED.contains(d.status()),
                        Set.of()));
            }
            return null;
        });
        List<Subject> subjects = new ArrayList<>(notifications.size());
        for (Notification n : notifications) {
            UUID id = id(n.data().get("request"));
            subjects.add(id == null ? Subject.GONE : (ANSWER.equals(n.topic()) ? answered : asked).get(id));
        }
        return subjects;
    }

    /** Whether a request in {@code state} that expires at {@code expiresAt} still takes answers at {@code now}. */
    static boolean open(String state, Instant expiresAt, Instant now) {
        return RequestState.ACTIVE.name().equals(state) && expiresAt != null && expiresAt.isAfter(now);
    }

    private static UUID id(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
