package org.porchlight.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.AreaMeasure;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.api.registry.CoarseCount;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.requests.store.DeliveryRows;
import org.porchlight.requests.store.RequestRows;
import org.porchlight.requests.store.RequestRows.AgencyRequest;

/**
 * The agency's side of footage requests: drafting against the policies, approval, activation
 * (matching the area to registered cameras and asking one owner each through {@link OwnerDeliveries}, in one transaction),
 * closing, withdrawing, and the delay of the public log entry.
 */
@Component(service = RequestWorkflow.class)
public class RequestWorkflow {

    static final ProblemType POLICY_VIOLATION = ProblemType.named("policy-violation",
            "The request breaks the agency's policy", 422);
    static final ProblemType ILLEGAL_TRANSITION = ProblemType.named("illegal-transition",
            "Not allowed in the request's state", 409);
    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;
    static final ProblemType NOTIFICATIONS_UNAVAILABLE = ProblemType.named("notifications-unavailable",
            "Owners cannot be notified right now", 503);
    static final ProblemType OWN_REQUEST = ProblemType.named("own-request", "A supervisor cannot review their own request", 403);

    private final Database database;
    private final RequestRows rows;
    private final DeliveryRows deliveryRows;
    private final Policies policies;
    private final RequestPolicyCheck policyCheck;
    private final Agencies agencies;
    private final AreaMeasure measure;
    private final CameraRegistry registry;
    private final Clock clock;
    private final OwnerDeliveries deliveries;

    /** Optional, so that swapping the notifications bundle does not take requests down: only activation needs it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Activate
    public RequestWorkflow(@Reference Database database, @Reference JsonCodec json, @Reference Policies policies,
            @Reference Agencies agencies, @Reference AreaMeasure measure, @Reference CameraRegistry registry) {
        this(database, json, policies, agencies, measure, registry, Clock.systemUTC());
    }

    RequestWorkflow(Database database, JsonCodec json, Policies policies, Agencies agencies, AreaMeasure measure,
            CameraRegistry registry, Clock clock) {
        this.database = database;
        this.rows = new RequestRows(json);
        this.deliveryRows = new DeliveryRows(json);
        this.deliveries = new OwnerDeliveries(deliveryRows, () -> this.outbox);
        this.policies = policies;
        this.agencies = agencies;
        this.measure = measure;
        this.registry = registry;
        this.clock = clock;
        this.policyCheck = new RequestPolicyCheck(database, rows, policies, measure);
    }

    /** What an officer fills in. {@code expiresAt} may be {@code null} for the agency's default. */
    public record DraftInput(String caseNumber, IncidentType incidentType, String incidentDetail, Instant windowStart,
            Instant windowEnd, Area area, String message, Instant expiresAt) {
    }

    /** A request with the counts of the answers owners gave (never of those pending or unanswered). */
    public record RequestView(FootageRequest request, Map<DeliveryStatus, Integer> answers) {
    }

    public FootageRequest draft(Caller caller, String agencyCode, DraftInput input) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        RequestDraft draft = policyCheck.draft(agency, input, now);
        UUID id = UUID.randomUUID();
        return database.inTransaction(c -> {
            policyCheck.check(agency, draft, c, id, now);
            double squareMiles = policyCheck.squareMiles(draft.area());
            FootageRequest request = new FootageRequest(id, agency.code(), draft.caseNumber(), draft.incidentType(),
                    draft.incidentDetail(), draft.windowStart(), draft.windowEnd(), draft.area(), squareMiles, draft.message(),
                    draft.expiresAt(), RequestState.DRAFT, caller.account(), now, now, null, null, null, null, null, null, null,
                    null, null);
            GeoPoint middle = measure.center(draft.area());
            rows.insert(c, request, coarse(middle.latitude()), coarse(middle.longitude()));
            return request;
        });
    }

    public FootageRequest update(Caller caller, String agencyCode, UUID id, DraftInput input) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        RequestDraft draft = policyCheck.draft(agency, input, now);
        return database.inTransaction(c -> {
            FootageRequest current = load(c, agency.code(), id);
            requireState(current, RequestState.DRAFT);
            policyCheck.check(agency, draft, c, id, now);
            GeoPoint middle = measure.center(draft.area());
            rows.updateDraft(c, id, draft, policyCheck.squareMiles(draft.area()), coarse(middle.latitude()),
                    coarse(middle.longitude()), now);
            return load(c, agency.code(), id);
        });
    }

    /** Sends a draft on: to a supervisor if a policy asks for approval, otherwise straight to the owners. */
    public FootageRequest submit(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            rows.lockCase(c, agency.code(), id);
            FootageRequest request = load(c, agency.code(), id);
            requireState(request, RequestState.DRAFT);
            PolicyDecision decision = policyCheck.check(agency, RequestPolicyCheck.draftOf(request), c, id, now);
            if (decision.needsApproval()) {
                rows.holdForApproval(c, id, decision.approvalReason(), now);
                return load(c, agency.code(), id);
            }
            return activate(c, agency, request, registry.ownersIn(request.area(), agency.code()), now);
        });
    }

    public FootageRequest approve(Caller caller, String agencyCode, UUID id, String note) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            rows.lockCase(c, agency.code(), id);
            FootageRequest request = load(c, agency.code(), id);
            requireState(request, RequestState.PENDING_APPROVAL);
            requireOtherReviewer(caller, request);
            // Time has passed since submission: the window may now be too old, the case may have more requests.
            policyCheck.check(agency, RequestPolicyCheck.draftOf(request), c, id, now);
            rows.approve(c, id, caller.account(), now, note);
            return activate(c, agency, request, registry.ownersIn(request.area(), agency.code()), now);
        });
    }

    public FootageRequest reject(Caller caller, String agencyCode, UUID id, String reason) {
        String code = agency(agencyCode).code();
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            FootageRequest request = load(c, code, id);
            requireState(request, RequestState.PENDING_APPROVAL);
            requireOtherReviewer(caller, request);
            rows.reject(c, id, caller.account(), now, reason);
            return load(c, code, id);
        });
    }

    public FootageRequest withdraw(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            FootageRequest request = load(c, agency.code(), id);
            requireTransition(request, RequestState.WITHDRAWN);
            if (request.state() == RequestState.ACTIVE) {
                deliveries.tellPending(c, agency, request, "footage-request.withdrawn",
                        agency.name() + " withdrew its footage request",
                        "The request about " + label(request.incidentType())
                                + " has been withdrawn. Nothing more is needed from you.");
            }
            end(c, request, RequestState.WITHDRAWN, now);
            return load(c, agency.code(), id);
        });
    }

    public FootageRequest close(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            FootageRequest request = load(c, agency.code(), id);
            requireTransition(request, RequestState.CLOSED);
            end(c, request, RequestState.CLOSED, now);
            return load(c, agency.code(), id);
        });
    }

    /** Keeps an active or coming request out of the public log until {@code until}, within the agency's bound. */
    public FootageRequest delayPublication(Caller caller, String agencyCode, UUID id, Instant until, String reason) {
        AgencyProfile agency = agency(agencyCode);
        Instant now = clock.instant();
        AgencyRules rules = policies.rules(agency);
        return database.inTransaction(c -> {
            FootageRequest request = load(c, agency.code(), id);
            if (request.state().ended()) {
                throw illegal(request, "delay its publication");
            }
            Instant from = request.activatedAt() != null ? request.activatedAt() : now;
            Instant latest = from.plus(rules.maxPublicationDelay());
            if (!until.isAfter(now) || until.isAfter(latest)) {
                throw new ProblemException(Problem.of(POLICY_VIOLATION, "Publication may be delayed to at most "
                        + rules.maxPublicationDelay().toDays() + " days after activation.")
                        .withErrors(List.of(new FieldError("until", "[max-publication-delay] at most " + latest))));
            }
            rows.delayPublication(c, id, until, reason, now);
            return load(c, agency.code(), id);
        });
    }

    public RequestView view(String agencyCode, UUID id) {
        String code = agency(agencyCode).code();
        return database.withConnection(c -> {
            FootageRequest request = load(c, code, id);
            return new RequestView(request, deliveryRows.answerCounts(c, id));
        });
    }

    /**
     * The policies' verdict on what a draft would be, without saving anything: the same checks as
     * {@link #draft} and {@link #update} (for {@code id}, or a new draft when {@code null}) and
     * {@link #submit}, for live feedback while an officer fills in the form. Violations are
     * returned, not thrown; a policy that fails still answers 503. See {@link RequestPolicyCheck}.
     */
    public PolicyDecision preview(String agencyCode, UUID id, DraftInput input) {
        return policyCheck.preview(agency(agencyCode), id, input, clock.instant());
    }

    /**
     * How many of the agency's requests are in {@code state}: all, or only those {@code createdBy}
     * someone, or only those not created by {@code notCreatedBy} (what waits for a supervisor, who
     * does not review their own). For the staff dashboard.
     */
    public int count(String agencyCode, RequestState state, UUID createdBy, UUID notCreatedBy) {
        String code = agency(agencyCode).code();
        return database.withConnection(c -> rows.count(c, code, state, createdBy, notCreatedBy));
    }

    public List<FootageRequest> list(String agencyCode, RequestState state, String caseNumber, int limit) {
        String code = agency(agencyCode).code();
        return database.withConnection(c -> rows.list(c, code, state, caseNumber, limit));
    }

    /** Records a request's expiry in the transaction that expires it (its audit entry): both happen or neither. */
    interface ExpiryRecord {
        void expired(Connection c, AgencyRequest request) throws SQLException;
    }

    /**
     * Moves expired active requests to EXPIRED; pending answers become NO_ANSWER; {@code record}
     * runs in each one's transaction. Returns those this node moved.
     */
    List<AgencyRequest> expireDue(ExpiryRecord record) {
        Instant now = clock.instant();
        List<AgencyRequest> due = database.withConnection(c -> rows.dueToExpire(c, now));
        List<AgencyRequest> expired = new ArrayList<>();
        // One transaction each, not one UPDATE for all: only the node whose change took effect records and audits it.
        for (AgencyRequest request : due) {
            boolean done = database.inTransaction(c -> {
                if (!rows.expire(c, request.id(), now)) {
                    return false; // another node, or the agency, ended it first
                }
                deliveries.noAnswer(c, request.id(), now);
                record.expired(c, request);
                return true;
            });
            if (done) {
                expired.add(request);
            }
        }
        return expired;
    }

    private FootageRequest activate(Connection c, AgencyProfile agency, FootageRequest request, List<CameraOwner> owners,
            Instant now) throws SQLException {
        int asked = deliveries.ask(c, agency, request, owners, now);
        // The agency is shown the registry's coarse figure, never the number asked: see OwnersReached.
        CoarseCount reached = registry.coarseOwners(request.area(), agency.code());
        rows.activate(c, request.id(), now, asked, reached);
        return load(c, agency.code(), request.id());
    }

    private void end(Connection c, FootageRequest request, RequestState state, Instant now) throws SQLException {
        if (!rows.end(c, request.id(), request.state(), state, now)) {
            // Changed since we read it (e.g. expired meanwhile): report the state it is in now.
            throw illegal(load(c, request.agency(), request.id()), "move to " + state);
        }
        if (request.state() == RequestState.ACTIVE) {
            deliveries.noAnswer(c, request.id(), now); // however it ended, those who did not answer are recorded so
        }
    }

    private FootageRequest load(Connection c, String agency, UUID id) throws SQLException {
        return rows.find(c, agency, id).orElseThrow(RequestWorkflow::noSuchRequest);
    }

    static ProblemException noSuchRequest() {
        return new ProblemException(NOT_FOUND, "No such request.");
    }

    private static void requireState(FootageRequest request, RequestState expected) {
        if (request.state() != expected) {
            throw illegal(request, "do this (it must be " + expected + ")");
        }
    }

    private static void requireTransition(FootageRequest request, RequestState to) {
        if (!request.state().next().contains(to)) {
            throw illegal(request, "move to " + to);
        }
    }

    static ProblemException illegal(FootageRequest request, String what) {
        return new ProblemException(ILLEGAL_TRANSITION, "The request is " + request.state() + "; cannot " + what + ".");
    }

    private static void requireOtherReviewer(Caller caller, FootageRequest request) {
        if (!caller.hasRole(Roles.SUPERVISOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a supervisor reviews requests.");
        }
        if (caller.account().equals(request.createdBy())) {
            throw new ProblemException(OWN_REQUEST, "Another supervisor must review this request.");
        }
    }

    AgencyProfile agency(String code) {
        return agencies.find(code).orElseThrow(() -> new ProblemException(NOT_FOUND, "No such agency."));
    }

    static String label(IncidentType type) {
        String words = type.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** About 1 km: the public log shows roughly where, never the exact area. */
    static double coarse(double degrees) {
        return Math.round(degrees * 100) / 100.0;
    }

    Duration retentionOf(AgencyProfile agency) {
        return policies.rules(agency).retention();
    }
}
