package org.porchlight.legal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * What the emergency-request notifications are about, for the notifications bundle: an
 * emergency request ({@code data.emergencyRequest}) needs acting on until a supervisor has reviewed
 * it. Nobody is assigned: the agency's supervisors review, and they hear of every one. One query
 * for a whole batch.
 */
@Component(property = NotificationSubjects.TOPICS + "=emergency-request.*")
public class EmergencyRequestSubjects implements NotificationSubjects {

    private static final String UNREVIEWED = "SELECT id FROM legal.emergency_request WHERE verdict IS NULL AND id IN (%s)";

    private final Database database;

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
        Set<UUID> unreviewed = ids.isEmpty() ? Set.of() : database.withConnection(c -> {
            List<UUID> asked = List.copyOf(ids);
            try (PreparedStatement select = c.prepareStatement(String.format(UNREVIEWED,
                    String.join(", ", Collections.nCopies(asked.size(), "?"))))) {
                for (int i = 0; i < asked.size(); i++) {
                    select.setObject(i + 1, asked.get(i));
                }
                Set<UUID> found = new HashSet<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getObject(1, UUID.class));
                    }
                }
                return found;
            }
        });
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
