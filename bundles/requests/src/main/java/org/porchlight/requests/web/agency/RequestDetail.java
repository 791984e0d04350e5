package org.porchlight.requests.web.agency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.requests.DeliveryStatus;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.OwnerAnswers;
import org.porchlight.requests.OwnersReached;
import org.porchlight.requests.RequestState;
import org.porchlight.requests.RequestWorkflow;
import org.porchlight.requests.RequestWorkflow.DraftInput;
import org.porchlight.requests.WitnessLinks;
import org.porchlight.requests.web.agency.StaffPages.Staff;

/**
 * One footage request in the portal: its details, history, owners' answers, what the staff member may do
 * now and the case's witness links; a refused move shown on it; opening a witness link.
 */
final class RequestDetail {

    private static final Set<String> DRAFTERS = AgencyRequestsPage.DRAFTERS;

    private final RequestWorkflow workflow;
    private final OwnerAnswers answers;
    private final WitnessLinks links;

    RequestDetail(RequestWorkflow workflow, OwnerAnswers answers, WitnessLinks links) {
        this.workflow = workflow;
        this.answers = answers;
        this.links = links;
    }

    /** The request's page; {@code extra} overrides the model's messages (an error next to a form). */
    PageView show(PageRequest request, Staff staff, UUID id, Map<String, Object> extra) {
        String agency = staff.agency().code();
        RequestWorkflow.RequestView view = workflow.view(agency, id);
        FootageRequest r = view.request();
        String role = staff.caller().role();
        boolean drafter = DRAFTERS.contains(role);
        boolean own = staff.caller().account().equals(r.createdBy());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("zone", staff.zone().getId());
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("id", r.id().toString());
        req.put("caseNumber", r.caseNumber());
        req.put("type", r.incidentType().name());
        req.put("incidentDetail", r.incidentDetail() == null ? "" : r.incidentDetail());
        req.put("message", r.message());
        req.put("windowStart", r.windowStart().toString());
        req.put("windowEnd", r.windowEnd().toString());
        req.put("expiresAt", r.expiresAt().toString());
        req.put("state", r.state().name());
        req.put("squareMiles", String.format(request.locale(), "%.3f", r.areaSquareMiles()));
        req.put("approvalReason", r.approvalReason() == null ? "" : r.approvalReason());
        req.put("reviewNote", r.reviewNote() == null ? "" : r.reviewNote());
        req.put("publishAfter", r.publishAfter() == null ? "" : r.publishAfter().toString());
        req.put("mine", own);
        model.put("r", req);
        model.put("map", MapView.empty().area(r.area(), r.caseNumber()).json());
        model.put("areaText", MapView.areaText(RequestForm.polygon(r.area())));
        model.put("history", history(r));

        // What owners answered: the coarse figure and counts for all staff, who shared (by pseudonym) for those the API
        // shows it to.
        OwnersReached reached = r.ownersAsked();
        model.put("activated", reached != null);
        model.put("ownersSuppressed", reached != null && reached.suppressed());
        model.put("owners", reached == null || reached.owners() == null ? "" : reached.owners().toString());
        model.put("minimumOwners", reached == null ? 0 : reached.minimumOwners());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (DeliveryStatus s : List.of(DeliveryStatus.SHARED, DeliveryStatus.NOTHING, DeliveryStatus.DECLINED)) {
            counts.put(s.name(), view.answers().getOrDefault(s, 0));
        }
        model.put("counts", counts);
        List<Map<String, Object>> shared = new ArrayList<>();
        boolean sharedUnavailable = false;
        if (drafter && reached != null) {
            try {
                for (OwnerAnswers.SharedAnswer a : answers.shared(agency, id)) {
                    String answeredAt = a.answeredAt() == null ? "" : a.answeredAt().toString();
                    shared.add(Map.of("pseudonym", a.pseudonym(), "answeredAt", answeredAt,
                            "files", a.items().size(), "revealed", a.revealed() != null));
                }
            } catch (ProblemException e) {
                if (e.problem().status() != 503) {
                    throw e;
                }
                sharedUnavailable = true;
            }
        }
        model.put("showShared", drafter && reached != null);
        model.put("shared", shared);
        model.put("sharedUnavailable", sharedUnavailable);

        // What this person may do now.
        RequestState state = r.state();
        boolean canSubmit = drafter && state == RequestState.DRAFT;
        model.put("canEdit", canSubmit);
        model.put("canSubmit", canSubmit);
        String approvalReason = "";
        List<String> submitProblems = new ArrayList<>();
        if (canSubmit) {
            try {
                PolicyDecision decision = workflow.preview(agency, id, new DraftInput(r.caseNumber(), r.incidentType(),
                        r.incidentDetail(), r.windowStart(), r.windowEnd(), r.area(), r.message(), r.expiresAt()));
                approvalReason = decision.approvalReason() == null ? "" : decision.approvalReason();
                decision.violations()
                        .forEach(v -> submitProblems.add(RequestForm.describe(v.rule(), v.message(), request::text)));
            } catch (ProblemException e) {
                submitProblems.add(PageProblems.text(e.problem()));
            }
        }
        model.put("submitNeedsApproval", !approvalReason.isEmpty());
        model.put("submitApprovalReason", approvalReason);
        model.put("submitProblems", submitProblems);
        boolean supervisor = Roles.SUPERVISOR.equals(role);
        model.put("canReview", supervisor && state == RequestState.PENDING_APPROVAL && !own);
        model.put("ownPending", supervisor && state == RequestState.PENDING_APPROVAL && own);
        model.put("canClose", drafter && state == RequestState.ACTIVE);
        model.put("canWithdraw", drafter && state.next().contains(RequestState.WITHDRAWN));
        model.put("evidence", state == RequestState.ACTIVE || state.ended() ? "/evidence/requests/" + r.id() : "");

        // Witness links for the request's case.
        model.put("showLinks", drafter);
        List<Map<String, Object>> linkRows = new ArrayList<>();
        if (drafter) {
            Instant now = Instant.now();
            for (WitnessLinks.WitnessLink l : links.list(agency, r.caseNumber())) {
                boolean open = l.revokedAt() == null && l.expiresAt().isAfter(now);
                linkRows.add(Map.of("id", l.id().toString(), "createdAt", l.createdAt().toString(),
                        "expiresAt", l.expiresAt().toString(), "maxFiles", l.maxFiles(), "filesShared", l.filesShared(),
                        "revokedAt", l.revokedAt() == null ? "" : l.revokedAt().toString(), "open", open));
            }
        }
        model.put("links", linkRows);
        model.put("error", "");
        model.put("errors", List.of());
        model.put("reasonError", "");
        model.put("noteError", "");
        model.put("linkError", "");
        if (extra != null) {
            model.putAll(extra);
        }
        return PageView.of("requests-agency-detail", model);
    }

    private static List<Map<String, Object>> history(FootageRequest r) {
        List<Map<String, Object>> history = new ArrayList<>();
        history.add(event(r.createdAt(), "created", ""));
        if (r.reviewedAt() != null) {
            boolean rejected = r.activatedAt() == null || r.reviewedAt().isAfter(r.activatedAt());
            history.add(event(r.reviewedAt(), rejected && r.state() == RequestState.DRAFT ? "rejected" : "approved",
                    r.reviewNote() == null ? "" : r.reviewNote()));
        }
        if (r.state() == RequestState.PENDING_APPROVAL) {
            history.add(event(r.updatedAt(), "submitted", r.approvalReason() == null ? "" : r.approvalReason()));
        }
        if (r.activatedAt() != null) {
            history.add(event(r.activatedAt(), "activated", ""));
        }
        if (r.endedAt() != null) {
            history.add(event(r.endedAt(), r.state().name().toLowerCase(Locale.ROOT), ""));
        }
        history.sort((a, b) -> ((String) a.get("at")).compareTo((String) b.get("at")));
        return history;
    }

    private static Map<String, Object> event(Instant at, String what, String note) {
        return Map.of("at", at.toString(), "what", what, "note", note);
    }

    /**
     * A move the workflow refused for a reason the person can act on: the request again, saying why; anything else as
     * the shell shows it.
     */
    PageView refused(PageRequest request, Staff staff, UUID id, ProblemException e) {
        Problem problem = e.problem();
        int status = problem.status();
        if (status == 404 || status >= 500 || (status == 403 && PageProblems.is(e, "forbidden"))) {
            throw e;
        }
        List<String> errors = new ArrayList<>();
        RequestForm form = RequestForm.empty();
        form.fieldErrors(problem.errors(), request::text);
        RequestDrafts.feedback(form).forEach(f -> errors.add((String) f.get("text")));
        return show(request, staff, id, Map.of("error", PageProblems.text(problem), "errors", errors)).withStatus(status);
    }

    PageView openLink(PageRequest request, Staff staff, UUID id) {
        FootageRequest r = workflow.view(staff.agency().code(), id).request();
        FormFields form = new FormFields(request, "requests.agency.error.");
        Integer days = form.number("expiresInDays", false, 1, 90);
        Integer files = form.number("maxFiles", false, 1, 100);
        if (!form.valid()) {
            String error = request.text("requests.agency.error.linkNumbers");
            return show(request, staff, id, Map.of("linkError", error)).withStatus(422);
        }
        WitnessLinks.WitnessLink link = links.open(staff.caller(), staff.agency().code(), r.caseNumber(), days, files, null);
        // The token is shown this once (only its hash is kept): the answer is the page, not a redirect.
        return PageView.of("requests-agency-link", Map.of("zone", staff.zone().getId(), "requestId", id.toString(), "caseNumber",
                r.caseNumber(), "expiresAt", link.expiresAt().toString(), "maxFiles", link.maxFiles(), "token", link.token(),
                "submissionPath", "/witness/" + link.token()));
    }
}
