package org.porchlight.requests;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.ContactDetails;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.store.Database;

/**
 * The owners' side: the requests they were asked, their answers and the files they share, and
 * what the agency sees of the answers: pseudonyms, times and files of those who shared, nothing
 * about anyone else.
 */
@Component(service = OwnerAnswers.class)
public class OwnerAnswers {

    static final ProblemType EVIDENCE_UNAVAILABLE = ProblemType.named("evidence-unavailable", "Evidence cannot be received right now", 503);
    static final ProblemType ALREADY_SHARED = ProblemType.named("already-shared", "Files were already shared", 409);
    static final ProblemType NOTHING_UPLOADED = ProblemType.named("nothing-uploaded", "No file shared yet", 409);
    static final ProblemType REQUEST_NOT_OPEN = ProblemType.named("request-not-open", "The request no longer accepts answers", 409);

    private static final String DELIVERY_COLUMNS = "d.id, d.request_id, d.owner_id, d.registrations, d.status, d.responded_at, "
            + "d.decline_reason, d.revealed_name, d.revealed_email, r.agency_code, r.case_number, r.incident_type, r.incident_detail, "
            + "r.window_start, r.window_end, r.area, r.message, r.expires_at, r.state";

    private final Database database;
    private final JsonCodec json;
    private final PseudonymService pseudonyms;
    private final CameraRegistry registry;
    private final RequestWorkflow workflow;
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EvidenceIntake evidence;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContactDetails contacts;

    @Activate
    public OwnerAnswers(@Reference Database database, @Reference JsonCodec json, @Reference PseudonymService pseudonyms,
            @Reference CameraRegistry registry, @Reference RequestWorkflow workflow) {
        this.database = database;
        this.json = json;
        this.pseudonyms = pseudonyms;
        this.registry = registry;
        this.workflow = workflow;
    }

    /** How an owner answers. Sharing happens by uploading files; {@code SHARE} then only updates what is revealed. */
    public enum Decision {
        SHARE, NOTHING, DECLINE
    }

    /** A name and address the owner chose to give the agency with their answer. */
    public record Identity(String name, String email) {
    }

    /** A request as the owner asked sees it: never who else was asked. */
    public record AskedRequest(UUID id, String agency, String agencyName, String caseNumber, IncidentType incidentType,
            String incidentDetail, Instant windowStart, Instant windowEnd, Area area, String message, Instant expiresAt,
            RequestState requestState, DeliveryStatus answer, Instant answeredAt, String declineReason, boolean identityRevealed,
            List<EvidenceItem> files) {
    }

    /** One owner's shared answer as the agency sees it. */
    public record SharedAnswer(UUID response, String pseudonym, Instant answeredAt, Identity revealed, List<GeoPoint> cameraLocations,
            List<EvidenceItem> items) {
    }

    private record Delivery(UUID id, UUID request, UUID owner, String registrations, DeliveryStatus status, Instant answeredAt,
            String declineReason, String revealedName, String revealedEmail, String agency, String caseNumber, IncidentType incidentType,
            String incidentDetail, Instant windowStart, Instant windowEnd, Area area, String message, Instant expiresAt,
            RequestState requestState) {
    }

    public List<AskedRequest> asked(UUID owner, int limit) {
        List<Delivery> deliveries = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM requests.delivery d JOIN "
                    + "requests.footage_request r ON r.id = d.request_id WHERE d.owner_id = ? ORDER BY d.created_at DESC, d.id LIMIT " + limit)) {
                s.setObject(1, owner);
                return read(s);
            }
        });
        Map<String, String> agencyNames = new HashMap<>(); // one lookup per agency, not per request
        return deliveries.stream().map(d -> asked(d, false, agencyNames.computeIfAbsent(d.agency(), a -> workflow.agency(a).name())))
                .toList();
    }

    public AskedRequest asked(UUID owner, UUID delivery) {
        Delivery d = deliveryOf(owner, delivery);
        return asked(d, true, workflow.agency(d.agency()).name());
    }

    public AskedRequest answer(UUID owner, UUID deliveryId, Decision decision, String reason, boolean reveal) {
        Optional<Identity> identity = reveal ? Optional.of(identityOf(owner)) : Optional.empty();
        Instant now = clock.instant();
        database.inTransaction(c -> {
            Delivery d = lock(c, owner, deliveryId);
            requireOpen(d);
            DeliveryStatus next = switch (decision) {
                case SHARE -> {
                    if (d.status() != DeliveryStatus.SHARED) {
                        throw new ProblemException(NOTHING_UPLOADED, "Upload at least one file to share; or answer NOTHING or DECLINE.");
                    }
                    yield DeliveryStatus.SHARED;
                }
                case NOTHING, DECLINE -> {
                    if (d.status() == DeliveryStatus.SHARED) {
                        throw new ProblemException(ALREADY_SHARED, "Files were shared with this answer; the agency keeps them under its "
                                + "retention schedule.");
                    }
                    yield decision == Decision.NOTHING ? DeliveryStatus.NOTHING : DeliveryStatus.DECLINED;
                }
            };
            try (PreparedStatement s = c.prepareStatement("UPDATE requests.delivery SET status = ?, responded_at = ?, decline_reason = ?, "
                    + "revealed_name = ?, revealed_email = ? WHERE id = ?")) {
                s.setString(1, next.name());
                s.setTimestamp(2, RequestRows.ts(d.status() == next && d.answeredAt() != null ? d.answeredAt() : now));
                s.setString(3, next == DeliveryStatus.DECLINED ? blankToNull(reason) : null);
                s.setString(4, identity.map(Identity::name).orElse(null));
                s.setString(5, identity.map(Identity::email).orElse(null));
                s.setObject(6, d.id());
                s.executeUpdate();
            }
            tellAgency(c, d, next);
            return null;
        });
        return asked(owner, deliveryId);
    }

    /** Streams one file into evidence as part of the owner's answer; the answer becomes SHARED. */
    public EvidenceItem upload(UUID owner, UUID deliveryId, String fileName, String contentType, long length, InputStream content) {
        EvidenceIntake intake = evidence;
        if (intake == null) {
            throw new ProblemException(EVIDENCE_UNAVAILABLE, "Files cannot be received right now; try again shortly.");
        }
        Delivery d = deliveryOf(owner, deliveryId);
        requireOpen(d);
        String pseudonym = pseudonyms.pseudonym(owner, d.agency()).label();
        EvidenceItem item = intake.receive(new Submission(d.agency(), d.caseNumber(), d.request(), d.id(), pseudonym, fileName, contentType),
                content, length);
        Instant now = clock.instant();
        database.inTransaction(c -> {
            Delivery current = lock(c, owner, deliveryId);
            try (PreparedStatement s = c.prepareStatement("UPDATE requests.delivery SET status = 'SHARED', decline_reason = NULL, "
                    + "responded_at = ? WHERE id = ?")) {
                s.setTimestamp(1, RequestRows.ts(current.status() == DeliveryStatus.SHARED ? current.answeredAt() : now));
                s.setObject(2, deliveryId);
                s.executeUpdate();
            }
            if (current.status() != DeliveryStatus.SHARED) {
                tellAgency(c, current, DeliveryStatus.SHARED);
            }
            return null;
        });
        return item;
    }

    /** The answers that shared files, for the agency; owners who did not share appear only in the counts. */
    public List<SharedAnswer> shared(String agencyCode, UUID request) {
        String agency = workflow.agency(agencyCode).code();
        workflow.view(agency, request); // 404 unless the request is the agency's
        List<Delivery> deliveries = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM requests.delivery d JOIN "
                    + "requests.footage_request r ON r.id = d.request_id WHERE d.request_id = ? AND r.agency_code = ? AND d.status = 'SHARED' "
                    + "ORDER BY d.responded_at, d.id")) {
                s.setObject(1, request);
                s.setString(2, agency);
                return read(s);
            }
        });
        Map<UUID, List<EvidenceItem>> items = new LinkedHashMap<>();
        EvidenceIntake intake = evidence;
        if (intake == null) {
            throw new ProblemException(EVIDENCE_UNAVAILABLE, "Evidence cannot be listed right now; try again shortly.");
        }
        for (EvidenceItem item : intake.itemsFor(agency, request)) {
            items.computeIfAbsent(item.response(), r -> new ArrayList<>()).add(item);
        }
        List<SharedAnswer> answers = new ArrayList<>();
        for (Delivery d : deliveries) {
            List<GeoPoint> locations = new ArrayList<>();
            for (String registration : d.registrations().split(",")) {
                registry.locationFor(UUID.fromString(registration), agency).ifPresent(locations::add);
            }
            Identity revealed = d.revealedEmail() == null ? null : new Identity(d.revealedName(), d.revealedEmail());
            answers.add(new SharedAnswer(d.id(), pseudonyms.pseudonym(d.owner(), agency).label(), d.answeredAt(), revealed, locations,
                    items.getOrDefault(d.id(), List.of())));
        }
        return answers;
    }

    // ---- internals

    private AskedRequest asked(Delivery d, boolean withFiles, String agencyName) {
        List<EvidenceItem> files = List.of();
        EvidenceIntake intake = evidence;
        if (withFiles && intake != null && d.status() == DeliveryStatus.SHARED) {
            files = intake.itemsFor(d.agency(), d.request()).stream().filter(i -> d.id().equals(i.response())).toList();
        }
        return new AskedRequest(d.id(), d.agency(), agencyName, d.caseNumber(), d.incidentType(), d.incidentDetail(), d.windowStart(),
                d.windowEnd(), d.area(), d.message(), d.expiresAt(), d.requestState(), d.status(), d.answeredAt(), d.declineReason(),
                d.revealedEmail() != null, files);
    }

    private Delivery deliveryOf(UUID owner, UUID id) {
        return database.withConnection(c -> find(c, owner, id, false));
    }

    private Delivery lock(Connection c, UUID owner, UUID id) throws SQLException {
        return find(c, owner, id, true);
    }

    /** Only the owner's own deliveries exist for them: anyone else's is 404. */
    private Delivery find(Connection c, UUID owner, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM requests.delivery d JOIN requests.footage_request r "
                + "ON r.id = d.request_id WHERE d.id = ? AND d.owner_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setObject(1, id);
            s.setObject(2, owner);
            List<Delivery> found = read(s);
            if (found.isEmpty()) {
                throw new ProblemException(RequestWorkflow.NOT_FOUND, "No such request.");
            }
            return found.get(0);
        }
    }

    private List<Delivery> read(PreparedStatement s) throws SQLException {
        List<Delivery> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                        DeliveryStatus.valueOf(rs.getString(5)), RequestRows.instant(rs, 6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), IncidentType.valueOf(rs.getString(12)), rs.getString(13),
                        RequestRows.instant(rs, 14), RequestRows.instant(rs, 15), json.read(rs.getString(16), Area.class),
                        rs.getString(17), RequestRows.instant(rs, 18), RequestState.valueOf(rs.getString(19))));
            }
        }
        return found;
    }

    private void requireOpen(Delivery d) {
        if (d.requestState() != RequestState.ACTIVE || !d.expiresAt().isAfter(clock.instant())) {
            throw new ProblemException(REQUEST_NOT_OPEN, "The request is " + (d.requestState() == RequestState.ACTIVE ? "EXPIRED"
                    : d.requestState()) + "; it no longer accepts answers.");
        }
    }

    private Identity identityOf(UUID owner) {
        ContactDetails directory = contacts;
        if (directory == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "Your contact details cannot be read right now; try again shortly.");
        }
        ContactDetails.Contact contact = directory.contactOf(owner)
                .orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE, "Your contact details cannot be read right now."));
        return new Identity(contact.displayName(), contact.email());
    }

    /** For the agency's own systems (webhooks): who answered, by pseudonym, and how. */
    private void tellAgency(Connection c, Delivery d, DeliveryStatus status) throws SQLException {
        Outbox notifications = outbox;
        if (notifications == null) {
            return; // the agency's view shows the answer either way
        }
        notifications.enqueue(c, List.of(new Notification("footage-answer:" + d.id() + ":" + status, Recipient.agency(d.agency()),
                "footage-request.answer", "An owner answered request " + d.caseNumber() + ": " + status,
                "", Map.of("request", d.request().toString(), "response", d.id().toString(), "answer", status.name(),
                        "pseudonym", pseudonyms.pseudonym(d.owner(), d.agency()).label()))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
