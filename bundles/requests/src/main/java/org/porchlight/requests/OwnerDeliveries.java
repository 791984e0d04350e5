package org.porchlight.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.requests.store.DeliveryRows;
import org.porchlight.requests.store.DeliveryRows.Ask;
import org.porchlight.requests.store.DeliveryRows.Pending;

/**
 * The owners a request asks, over its life: one delivery and one notification per owner on
 * activation, a notice to those still pending on withdrawal, and {@code NO_ANSWER} for them
 * however it ends. Runs in the caller's transaction.
 */
final class OwnerDeliveries {

    private final DeliveryRows rows;
    private final Supplier<Outbox> outbox;

    OwnerDeliveries(DeliveryRows rows, Supplier<Outbox> outbox) {
        this.rows = rows;
        this.outbox = outbox;
    }

    /** Writes one delivery per owner who agreed to be contacted and notifies each; returns how many were asked. */
    int ask(Connection c, AgencyProfile agency, FootageRequest request, List<CameraOwner> owners, Instant now) throws SQLException {
        Outbox notifications = outbox.get();
        if (notifications == null) {
            throw new ProblemException(RequestWorkflow.NOTIFICATIONS_UNAVAILABLE,
                    "The request cannot be activated while owners cannot be notified; try again shortly.");
        }
        // One delivery per owner, however many of their cameras lie in the area. Unclaimed imported
        // registrations have no account to ask yet; owners who do not want to be contacted are not asked.
        Map<UUID, List<UUID>> byOwner = new LinkedHashMap<>();
        for (CameraOwner owner : owners) {
            if (owner.owner() != null && owner.contactOk()) {
                byOwner.computeIfAbsent(owner.owner(), o -> new ArrayList<>()).add(owner.registration());
            }
        }
        List<Notification> toOwners = new ArrayList<>(byOwner.size());
        String title = agency.name() + " asks for footage";
        String text = ownerText(agency, request);
        List<Ask> asks = new ArrayList<>(byOwner.size());
        for (Map.Entry<UUID, List<UUID>> owner : byOwner.entrySet()) {
            UUID delivery = UUID.randomUUID();
            asks.add(new Ask(delivery, owner.getKey(), joined(owner.getValue())));
            toOwners.add(new Notification("footage-request:" + request.id(), Recipient.account(owner.getKey()),
                    FootageRequestSubjects.ASKED, title, text, Map.of("request", delivery.toString(), "agency", agency.code())));
        }
        rows.ask(c, request.id(), asks, now);
        notifications.enqueue(c, toOwners);
        return byOwner.size();
    }

    /** Those who had not answered are recorded as not answering. */
    void noAnswer(Connection c, UUID request, Instant now) throws SQLException {
        rows.noAnswer(c, request, now);
    }

    /** A notice to every owner who has not answered yet. */
    void tellPending(Connection c, AgencyProfile agency, FootageRequest request, String topic, String title, String text)
            throws SQLException {
        Outbox notifications = outbox.get();
        if (notifications == null) {
            return; // owners see the request's state in their list; a notice is a courtesy
        }
        List<Notification> notices = new ArrayList<>();
        for (Pending pending : rows.pending(c, request.id())) {
            notices.add(new Notification(topic + ":" + request.id(), Recipient.account(pending.owner()), topic, title, text,
                    Map.of("request", pending.id().toString(), "agency", agency.code())));
        }
        notifications.enqueue(c, notices);
    }

    private static String ownerText(AgencyProfile agency, FootageRequest request) {
        ZoneId zone = agency.zone();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(zone);
        return RequestWorkflow.label(request.incidentType()) + " (case " + request.caseNumber() + "), between "
                + format.format(request.windowStart()) + " and " + format.format(request.windowEnd()) + ".\n\n" + request.message()
                + "\n\nSharing is up to you; declining needs no reason. Nothing you upload reaches the agency until you confirm "
                + "the share. The agency sees you only as a pseudonym unless you choose otherwise.";
    }

    private static String joined(List<UUID> ids) {
        StringBuilder s = new StringBuilder();
        for (UUID id : ids) {
            if (s.length() + 37 > 4000) {
                break; // a very unusual owner with more than 100 cameras in one area: the first hundred are kept
            }
            s.append(s.length() == 0 ? "" : ",").append(id);
        }
        return s.toString();
    }
}
