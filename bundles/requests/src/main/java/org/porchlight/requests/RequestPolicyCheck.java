package org.porchlight.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.AreaMeasure;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.requests.PolicyContext;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.requests.RequestWorkflow.DraftInput;
import org.porchlight.requests.store.RequestRows;

/**
 * The agency's policies applied to a footage request: the verdict on a draft (the portal's live feedback) and the
 * refusal of a save, a submission or an approval that breaks a rule, with the same facts (area, jurisdiction, the
 * case's other requests, the agency's recent submissions) either way.
 */
final class RequestPolicyCheck {

    static final double SQUARE_METERS_PER_SQUARE_MILE = 2_589_988.110336;

    private final Database database;
    private final RequestRows rows;
    private final Policies policies;
    private final AreaMeasure measure;

    RequestPolicyCheck(Database database, RequestRows rows, Policies policies, AreaMeasure measure) {
        this.database = database;
        this.rows = rows;
        this.policies = policies;
        this.measure = measure;
    }

    /**
     * The policies' verdict on what a draft would be, without saving anything (for {@code id}, or a new draft when
     * {@code null}). Violations are returned, not thrown; a policy that fails still answers 503.
     */
    PolicyDecision preview(AgencyProfile agency, UUID id, DraftInput input, Instant now) {
        RequestDraft draft = draft(agency, input, now);
        UUID self = id != null ? id : new UUID(0, 0);
        return database.withConnection(c -> decide(agency, draft, c, self, now));
    }

    /** The verdict on {@code draft}; a violation is refused (422) with each rule next to its field. */
    PolicyDecision check(AgencyProfile agency, RequestDraft draft, Connection c, UUID id, Instant now) throws SQLException {
        PolicyDecision decision = decide(agency, draft, c, id, now);
        if (!decision.violations().isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            for (PolicyViolation v : decision.violations()) {
                errors.add(new FieldError(v.field() == null ? "request" : v.field(), "[" + v.rule() + "] " + v.message()));
                rules.add(v.rule());
            }
            throw new ProblemException(Problem.of(RequestWorkflow.POLICY_VIOLATION, "The request breaks "
                    + (rules.size() == 1 ? "the rule " : "the rules ") + String.join(", ", rules) + ".").withErrors(errors));
        }
        return decision;
    }

    private PolicyDecision decide(AgencyProfile agency, RequestDraft draft, Connection c, UUID id, Instant now)
            throws SQLException {
        int others = rows.countForCase(c, agency.code(), draft.caseNumber(), id);
        boolean within = measure.within(draft.area(), agency.jurisdiction());
        PolicyContext context = new Context(agency, now, squareMiles(draft.area()), within, others,
                since -> countSubmittedSince(c, agency.code(), since, id));
        return policies.evaluate(draft, context);
    }

    /** Counted only if a policy asks, on the check's own connection. */
    private int countSubmittedSince(Connection c, String agency, Instant since, UUID id) {
        try {
            return rows.countSubmittedSince(c, agency, since, id);
        } catch (SQLException e) {
            throw new StorageException("cannot count the agency's requests", e);
        }
    }

    private record Context(AgencyProfile agency, Instant now, double areaSquareMiles, boolean withinJurisdiction,
            int otherRequestsForCase, ToIntFunction<Instant> submittedSince) implements PolicyContext {

        @Override
        public int requestsSince(Instant since) {
            return submittedSince.applyAsInt(since);
        }
    }

    double squareMiles(Area area) {
        return measure.squareMeters(area) / SQUARE_METERS_PER_SQUARE_MILE;
    }

    /** What the officer filled in as the policies read it: trimmed, with the agency's default expiry when none is given. */
    RequestDraft draft(AgencyProfile agency, DraftInput input, Instant now) {
        Instant expires = input.expiresAt() != null ? input.expiresAt() : now.plus(policies.rules(agency).defaultExpiry());
        return new RequestDraft(agency.code(), input.caseNumber().trim(), input.incidentType(),
                blankToNull(input.incidentDetail()), input.windowStart(), input.windowEnd(), input.area(),
                input.message().trim(), expires);
    }

    /** A saved request as the policies read it, to check it again on submission and approval. */
    static RequestDraft draftOf(FootageRequest r) {
        return new RequestDraft(r.agency(), r.caseNumber(), r.incidentType(), r.incidentDetail(), r.windowStart(), r.windowEnd(),
                r.area(), r.message(), r.expiresAt());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
