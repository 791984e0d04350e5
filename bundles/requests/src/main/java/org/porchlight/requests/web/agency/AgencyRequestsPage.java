package org.porchlight.requests.web.agency;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
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

/**
 * The agency staff's footage requests in the portal, as thin as {@code AgencyRequestResource}: the
 * list by state ({@code /requests}), drafting with live policy feedback ({@code /requests/new},
 * {@code /requests/check} for htmx), a request with its actions, answers and witness links
 * ({@code /requests/{id}}), changing a draft ({@code /requests/{id}/edit}). Always the caller's
 * own agency: another agency's request is not found.
 */
@Component(service = Page.class)
public class AgencyRequestsPage implements Page {

    static final String PATH = "/requests";
    /** Who sees requests, as the API's list and view. */
    static final Set<String> STAFF = Set.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN);
    /** Who drafts, moves requests on, reads the answers and opens witness links, as the API's. */
    static final Set<String> DRAFTERS = Set.of(Roles.OFFICER, Roles.SUPERVISOR);
    private static final int LIST_LIMIT = 500;
    private static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;

    private final RequestWorkflow workflow;
    private final OwnerAnswers answers;
    private final WitnessLinks links;
    private final Agencies agencies;

    @Activate
    public AgencyRequestsPage(@Reference RequestWorkflow workflow, @Reference OwnerAnswers answers, @Reference WitnessLinks links,
            @Reference Agencies agencies) {
        this.workflow = workflow;
        this.answers = answers;
        this.links = links;
        this.agencies = agencies;
    }

    /** Its records name people (legal demands' subjects, who shared footage): every read is on the record, as over the API. */
    @Override
    public boolean recordsReads() {
        return true;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "requests.agency.title", STAFF, PageInfo.GROUP_WORK, 20);
    }

    @Override
    public PageView render(PageRequest request) {
        Staff staff = staff(request);
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return list(staff);
        }
        if ("new".equals(sub)) {
            requireDrafter(staff);
            return form(request, staff, RequestForm.empty(), null, 200);
        }
        String[] parts = sub.split("/");
        UUID id = id(parts[0]);
        if (parts.length == 1) {
            return detail(request, staff, id, null);
        }
        if (parts.length == 2 && "edit".equals(parts[1])) {
            requireDrafter(staff);
            FootageRequest current = workflow.view(staff.agency.code(), id).request();
            return form(request, staff, RequestForm.of(current, staff.zone), current, 200);
        }
        throw notFound();
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Staff staff = staff(request);
        String sub = request.subPath();
        if ("check".equals(sub)) {
            return Optional.of(check(request, staff));
        }
        requireDrafter(staff);
        if ("new".equals(sub)) {
            return Optional.of(save(request, staff, null));
        }
        String[] parts = sub.split("/");
        if (parts.length < 2) {
            return Optional.empty();
        }
        UUID id = id(parts[0]);
        String back = PATH + "/" + id;
        String agency = staff.agency.code();
        try {
            switch (parts.length == 2 ? parts[1] : parts.length == 4 && "links".equals(parts[1]) && "revoke".equals(parts[3]) ? "revoke" : "") {
                case "edit" -> {
                    return Optional.of(save(request, staff, workflow.view(agency, id).request()));
                }
                case "submit" -> workflow.submit(staff.caller, agency, id);
                case "approve" -> {
                    String note = request.parameter("note").map(String::trim).orElse("");
                    if (note.length() > 1000) {
                        return Optional.of(detail(request, staff, id, Map.of("noteError", request.text("requests.agency.error.tooLong", 1000)))
                                .withStatus(422));
                    }
                    workflow.approve(staff.caller, agency, id, note.isEmpty() ? null : note);
                }
                case "reject" -> {
                    String reason = request.parameter("reason").map(String::trim).orElse("");
                    if (reason.isEmpty() || reason.length() > 1000) {
                        String error = reason.isEmpty() ? request.text("requests.agency.error.reason")
                                : request.text("requests.agency.error.tooLong", 1000);
                        return Optional.of(detail(request, staff, id, Map.of("reasonError", error)).withStatus(422));
                    }
                    workflow.reject(staff.caller, agency, id, reason);
                }
                case "withdraw" -> workflow.withdraw(staff.caller, agency, id);
                case "close" -> workflow.close(staff.caller, agency, id);
                case "links" -> {
                    return Optional.of(openLink(request, staff, id));
                }
                case "revoke" -> {
                    workflow.view(agency, id); // the request is the agency's
                    if (!links.revoke(agency, id(parts[2]))) {
                        throw notFound();
                    }
                    return Optional.of(PageView.redirect(back + "#links"));
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (ProblemException e) {
            return Optional.of(refused(request, staff, id, e));
        }
        return Optional.of(PageView.redirect(back));
    }

    // ---- the list

    private PageView list(Staff staff) {
        List<FootageRequest> all = workflow.list(staff.agency.code(), null, null, LIST_LIMIT);
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (String group : List.of("drafts", "waiting", "active", "closed")) {
            groups.put(group, new ArrayList<>());
        }
        for (FootageRequest r : all) {
            String group = switch (r.state()) {
                case DRAFT -> "drafts";
                case PENDING_APPROVAL -> "waiting";
                case ACTIVE -> "active";
                default -> "closed";
            };
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id().toString());
            row.put("caseNumber", r.caseNumber());
            row.put("type", r.incidentType().name());
            row.put("state", r.state().name());
            row.put("windowStart", r.windowStart().toString());
            row.put("windowEnd", r.windowEnd().toString());
            row.put("updatedAt", r.updatedAt().toString());
            row.put("mine", staff.caller.account().equals(r.createdBy()));
            groups.get(group).add(row);
        }
        List<Map<String, Object>> model = new ArrayList<>();
        groups.forEach((name, rows) -> model.add(Map.of("name", name, "rows", rows)));
        return PageView.of("requests-agency-list", Map.of("groups", model, "zone", staff.zone.getId(),
                "canDraft", DRAFTERS.contains(staff.caller.role())));
    }

    // ---- drafting

    private PageView form(PageRequest request, Staff staff, RequestForm form, FootageRequest current, int status) {
        Map<String, Object> model = new LinkedHashMap<>(form.model());
        model.put("zone", staff.zone.getId());
        model.put("types", types());
        model.put("map", MapView.of(staff.agency.jurisdiction()).drawArea("area").json());
        model.put("action", current == null ? PATH + "/new" : PATH + "/" + current.id() + "/edit");
        model.put("id", current == null ? "" : current.id().toString());
        model.put("editing", current != null);
        // A refused save lists every error above the form too (each also next to its field).
        model.put("checked", form.hasErrors());
        model.put("feedback", feedback(form));
        model.put("summaryKey", "requests.agency.check.refused");
        model.put("approvalReason", "");
        return PageView.of("requests-agency-form", model).withStatus(status);
    }

    /** Saves a new draft or changes one; a refusal shows the form again (422) with each rule next to its field. */
    private PageView save(PageRequest request, Staff staff, FootageRequest current) {
        RequestForm form = RequestForm.read(request::parameter);
        Optional<DraftInput> input = form.input(staff.zone, request::text);
        if (input.isEmpty()) {
            return form(request, staff, form, current, 422);
        }
        try {
            FootageRequest saved = current == null ? workflow.draft(staff.caller, staff.agency.code(), input.get())
                    : workflow.update(staff.caller, staff.agency.code(), current.id(), input.get());
            return PageView.redirect(PATH + "/" + saved.id());
        } catch (ProblemException e) {
            Problem problem = e.problem();
            if (problem.status() == 422 && !problem.errors().isEmpty()) {
                form.fieldErrors(problem.errors(), request::text);
                return form(request, staff, form, current, 422);
            }
            if (problem.status() == 409 && current != null) {
                return refused(request, staff, current.id(), e); // no longer a draft
            }
            throw e;
        }
    }

    /** The live policy feedback (htmx): the form's fields checked as a save would, nothing saved. */
    private PageView check(PageRequest request, Staff staff) {
        requireDrafter(staff);
        RequestForm form = RequestForm.read(request::parameter);
        Optional<DraftInput> input = form.input(staff.zone, request::text);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("checked", true);
        if (input.isPresent()) {
            UUID id = request.parameter("id").filter(s -> !s.isBlank()).map(AgencyRequestsPage::id).orElse(null);
            PolicyDecision decision = workflow.preview(staff.agency.code(), id, input.get());
            form.violations(decision.violations(), request::text);
            model.put("approvalReason", decision.approvalReason() == null ? "" : decision.approvalReason());
        } else {
            model.put("approvalReason", "");
        }
        model.put("feedback", feedback(form));
        model.put("summaryKey", input.isEmpty() ? "requests.agency.check.incomplete" : "requests.agency.check.violations");
        return PageView.fragment("requests-agency-check", model);
    }

    /** Every error of a form as one list, each with the field it is about. */
    private static List<Map<String, Object>> feedback(RequestForm form) {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, Object> model = form.model();
        @SuppressWarnings("unchecked")
        Map<String, List<String>> errors = (Map<String, List<String>>) model.get("errors");
        errors.forEach((field, texts) -> texts.forEach(t -> list.add(Map.of("field", field, "text", t))));
        @SuppressWarnings("unchecked")
        List<String> general = (List<String>) model.get("general");
        general.forEach(t -> list.add(Map.of("field", "", "text", t)));
        return list;
    }

    // ---- one request

    private PageView detail(PageRequest request, Staff staff, UUID id, Map<String, Object> extra) {
        String agency = staff.agency.code();
        RequestWorkflow.RequestView view = workflow.view(agency, id);
        FootageRequest r = view.request();
        String role = staff.caller.role();
        boolean drafter = DRAFTERS.contains(role);
        boolean own = staff.caller.account().equals(r.createdBy());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("zone", staff.zone.getId());
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
        model.put("areaText", org.porchlight.api.ui.MapView.areaText(RequestForm.polygon(r.area())));
        model.put("history", history(r));

        // What owners answered: the coarse figure and counts for all staff, who shared (by pseudonym) for those the API shows it to.
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
                    shared.add(Map.of("pseudonym", a.pseudonym(), "answeredAt", a.answeredAt() == null ? "" : a.answeredAt().toString(),
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
                PolicyDecision decision = workflow.preview(agency, id, new DraftInput(r.caseNumber(), r.incidentType(), r.incidentDetail(),
                        r.windowStart(), r.windowEnd(), r.area(), r.message(), r.expiresAt()));
                approvalReason = decision.approvalReason() == null ? "" : decision.approvalReason();
                decision.violations().forEach(v -> submitProblems.add(RequestForm.describe(v.rule(), v.message(), request::text)));
            } catch (ProblemException e) {
                submitProblems.add(e.problem().detail() == null ? e.problem().title() : e.problem().detail());
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
                linkRows.add(Map.of("id", l.id().toString(), "createdAt", l.createdAt().toString(), "expiresAt", l.expiresAt().toString(),
                        "maxFiles", l.maxFiles(), "filesShared", l.filesShared(), "revokedAt",
                        l.revokedAt() == null ? "" : l.revokedAt().toString(), "open", open));
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

    /** A move the workflow refused for a reason the person can act on: the request again, saying why; anything else as the shell shows it. */
    private PageView refused(PageRequest request, Staff staff, UUID id, ProblemException e) {
        Problem problem = e.problem();
        int status = problem.status();
        if (status == 404 || status >= 500 || (status == 403 && problem.type().toString().endsWith(":forbidden"))) {
            throw e;
        }
        List<String> errors = new ArrayList<>();
        RequestForm form = RequestForm.empty();
        form.fieldErrors(problem.errors(), request::text);
        feedback(form).forEach(f -> errors.add((String) f.get("text")));
        String detail = problem.detail() == null ? problem.title() : problem.detail();
        return detail(request, staff, id, Map.of("error", detail, "errors", errors)).withStatus(status);
    }

    private PageView openLink(PageRequest request, Staff staff, UUID id) {
        FootageRequest r = workflow.view(staff.agency.code(), id).request();
        Integer days = number(request, "expiresInDays", 1, 90);
        Integer files = number(request, "maxFiles", 1, 100);
        if (days != null && days < 0 || files != null && files < 0) {
            return detail(request, staff, id, Map.of("linkError", request.text("requests.agency.error.linkNumbers"))).withStatus(422);
        }
        WitnessLinks.WitnessLink link = links.open(staff.caller, staff.agency.code(), r.caseNumber(), days, files, null);
        // The token is shown this once (only its hash is kept): the answer is the page, not a redirect.
        return PageView.of("requests-agency-link", Map.of("zone", staff.zone.getId(), "requestId", id.toString(), "caseNumber",
                r.caseNumber(), "expiresAt", link.expiresAt().toString(), "maxFiles", link.maxFiles(), "token", link.token(),
                "submissionPath", "/witness/" + link.token()));
    }

    /** An optional whole number within bounds; -1 when it is not one. */
    private static Integer number(PageRequest request, String field, int min, int max) {
        String value = request.parameter(field).map(String::trim).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            return n < min || n > max ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- common

    private static List<String> types() {
        List<String> types = new ArrayList<>();
        for (IncidentType t : IncidentType.values()) {
            types.add(t.name());
        }
        return types;
    }

    private record Staff(Caller caller, AgencyProfile agency, ZoneId zone) {
    }

    private Staff staff(PageRequest request) {
        Caller caller = request.caller().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN, "Staff only."));
        if (caller.agency() == null || !STAFF.contains(caller.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Staff only.");
        }
        AgencyProfile agency = agencies.find(caller.agency()).orElseThrow(AgencyRequestsPage::notFound);
        return new Staff(caller, agency, agency.timeZone());
    }

    private static void requireDrafter(Staff staff) {
        if (!DRAFTERS.contains(staff.caller.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Officers and supervisors draft and move requests.");
        }
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(NOT_FOUND, "No such request.");
    }
}
