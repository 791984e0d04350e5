package org.porchlight.requests.web.agency;

import static org.porchlight.requests.web.agency.StaffPages.id;
import static org.porchlight.requests.web.agency.StaffPages.notFound;
import static org.porchlight.requests.web.agency.StaffPages.requireDrafter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.OwnerAnswers;
import org.porchlight.requests.RequestWorkflow;
import org.porchlight.requests.WitnessLinks;
import org.porchlight.requests.web.agency.StaffPages.Staff;

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

    private final RequestWorkflow workflow;
    private final WitnessLinks links;
    private final Agencies agencies;
    private final RequestDrafts drafts;
    private final RequestDetail detail;

    @Activate
    public AgencyRequestsPage(@Reference RequestWorkflow workflow, @Reference OwnerAnswers answers, @Reference WitnessLinks links,
            @Reference Agencies agencies) {
        this.workflow = workflow;
        this.links = links;
        this.agencies = agencies;
        this.detail = new RequestDetail(workflow, answers, links);
        this.drafts = new RequestDrafts(workflow, detail);
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
        Staff staff = StaffPages.staff(request, agencies);
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return list(staff);
        }
        if ("new".equals(sub)) {
            requireDrafter(staff);
            return drafts.form(staff, RequestForm.empty(), null, 200);
        }
        String[] parts = sub.split("/");
        UUID id = id(parts[0]);
        if (parts.length == 1) {
            return detail.show(request, staff, id, null);
        }
        if (parts.length == 2 && "edit".equals(parts[1])) {
            requireDrafter(staff);
            FootageRequest current = workflow.view(staff.agency().code(), id).request();
            return drafts.form(staff, RequestForm.of(current, staff.zone()), current, 200);
        }
        throw notFound();
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Staff staff = StaffPages.staff(request, agencies);
        String sub = request.subPath();
        if ("check".equals(sub)) {
            return Optional.of(drafts.check(request, staff));
        }
        requireDrafter(staff);
        if ("new".equals(sub)) {
            return Optional.of(drafts.save(request, staff, null));
        }
        String[] parts = sub.split("/");
        if (parts.length < 2) {
            return Optional.empty();
        }
        UUID id = id(parts[0]);
        String back = PATH + "/" + id;
        String agency = staff.agency().code();
        try {
            boolean revoke = parts.length == 4 && "links".equals(parts[1]) && "revoke".equals(parts[3]);
            switch (parts.length == 2 ? parts[1] : revoke ? "revoke" : "") {
                case "edit" -> {
                    return Optional.of(drafts.save(request, staff, workflow.view(agency, id).request()));
                }
                case "submit" -> workflow.submit(staff.caller(), agency, id);
                case "approve" -> {
                    String note = request.parameter("note").map(String::trim).orElse("");
                    if (note.length() > 1000) {
                        String error = request.text("requests.agency.error.tooLong", 1000);
                        return Optional.of(detail.show(request, staff, id, Map.of("noteError", error)).withStatus(422));
                    }
                    workflow.approve(staff.caller(), agency, id, note.isEmpty() ? null : note);
                }
                case "reject" -> {
                    String reason = request.parameter("reason").map(String::trim).orElse("");
                    if (reason.isEmpty() || reason.length() > 1000) {
                        String error = reason.isEmpty() ? request.text("requests.agency.error.reason")
                                : request.text("requests.agency.error.tooLong", 1000);
                        return Optional.of(detail.show(request, staff, id, Map.of("reasonError", error)).withStatus(422));
                    }
                    workflow.reject(staff.caller(), agency, id, reason);
                }
                case "withdraw" -> workflow.withdraw(staff.caller(), agency, id);
                case "close" -> workflow.close(staff.caller(), agency, id);
                case "links" -> {
                    return Optional.of(detail.openLink(request, staff, id));
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
            return Optional.of(detail.refused(request, staff, id, e));
        }
        return Optional.of(PageView.redirect(back));
    }

    private PageView list(Staff staff) {
        List<FootageRequest> all = workflow.list(staff.agency().code(), null, null, LIST_LIMIT);
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
            row.put("mine", staff.caller().account().equals(r.createdBy()));
            groups.get(group).add(row);
        }
        List<Map<String, Object>> model = new ArrayList<>();
        groups.forEach((name, rows) -> model.add(Map.of("name", name, "rows", rows)));
        return PageView.of("requests-agency-list", Map.of("groups", model, "zone", staff.zone().getId(),
                "canDraft", DRAFTERS.contains(staff.caller().role())));
    }
}
