package org.porchlight.legal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.store.Database;
import org.porchlight.legal.store.EmergencyRequestRows;

/**
 * What the emergency-request notifications are about, for the notifications bundle: an
 * emergency request ({@code data.emergencyRequest}) needs acting on until a supervisor has reviewed
 * it. Nobody is assigned: the agency's supervisors review, and they hear of every one. One query
 * for a whole batch.
 */
@Component(property = NotificationSubjects.TOPICS + "=emergency-request.*")
public class EmergencyRequestSubjects implements NotificationSubjects {

    private final Database database;
    private final EmergencyRequestRows rows = new EmergencyRequestRows();

    @Activate
    public EmergencyRequestSubjects(@Reference Database database) {
        this.database = database;
    }

    @Override
    public List<Subject> subjects(List<Notification> notifications) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Notification n : notifications) {
            UUID id = id(n.data().get("emergencyRequest"));
            if (id != null) {
                ids.add(id);
            }
        }
        Set<UUID> unreviewed = ids.isEmpty() ? Set.of()
                : new HashSet<>(database.withConnection(c -> rows.unreviewed(c, List.copyOf(ids))));
        List<Subject> subjects = new ArrayList<>(notifications.size());
        for (Notification n : notifications) {
            UUID id = id(n.data().get("emergencyRequest"));
            subjects.add(id != null && unreviewed.contains(id) ? new Subject(true, Set.of()) : Subject.GONE);
        }
        return subjects;
    }

    private static UUID id(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
