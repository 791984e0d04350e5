package org.porchlight.legal.web;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.legal.EmergencyRequest;
import org.porchlight.legal.EmergencyRequests;
import org.porchlight.legal.LegalDemand;
import org.porchlight.legal.LegalDemandKind;
import org.porchlight.legal.LegalDemandResource;
import org.porchlight.legal.LegalDemandStatus;
import org.porchlight.legal.LegalDemands;
import org.porchlight.legal.LegalRecords;
import org.porchlight.legal.ReviewVerdict;

/**
 * The agency's legal records in the portal ({@code /legal}), for the roles the legal API lets in:
 * its legal demands (record one, move it on) and its emergency requests (record one; a supervisor
 * reviews it after the fact), each with a page of its own. Calls the same {@link LegalRecords}
 * as the REST resources, always for the caller's own agency: another agency's record is a 404.
 */
@Component(service = Page.class)
public class LegalPage implements Page {

    static final PageInfo INFO = new PageInfo("/legal", "legal.title", Set.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN),
            PageInfo.GROUP_WORK, 40);
    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;
    private static final int LIST_LIMIT = 100;

    private final LegalRecords records;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public LegalPage(@Reference LegalRecords records) {
        this.records = records;
    }

    /** Its records name people (legal demands' subjects, who shared footage): every read is on the record, as over the API. */
    @Override
    public boolean recordsReads() {
        return true;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        String agency = caller.agency();
        ZoneId zone = records.zoneOf(agency);
        String[] path = request.subPath().split("/", -1);
        if (request.subPath().isEmpty()) {
            return overview(caller, zone);
        }
        if (path.length == 2 && "new".equals(path[1]) && "demands".equals(path[0])) {
            return demandForm(new HashMap<>(), Map.of(), null, request);
        }
        if (path.length == 2 && "new".equals(path[1]) && "emergencies".equals(path[0])) {
            Map<String, String> values = new HashMap<>();
            values.put("requestedAt", FormFields.local(clock.instant(), zone));
            return emergencyForm(values, Map.of(), null, request);
        }
        if (path.length >= 2 && path.length <= 3 && "demands".equals(path[0])) {
            return path.length == 3 ? PageView.redirect("/legal/demands/" + path[1]) : demand(caller, zone, id(path[1]), null, null, request);
        }
        if (path.length >= 2 && path.length <= 3 && "emergencies".equals(path[0])) {
            return path.length == 3 ? PageView.redirect("/legal/emergencies/" + path[1])
                    : emergency(caller, zone, id(path[1]), null, null, request);
        }
        throw new ProblemException(NOT_FOUND, "No such page.");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        ZoneId zone = records.zoneOf(caller.agency());
        String[] path = request.subPath().split("/", -1);
        if (path.length == 2 && "demands".equals(path[0]) && "new".equals(path[1])) {
            return Optional.of(createDemand(caller, zone, request));
        }
        if (path.length == 2 && "emergencies".equals(path[0]) && "new".equals(path[1])) {
            return Optional.of(createEmergency(caller, zone, request));
        }
        if (path.length == 3 && "demands".equals(path[0]) && "status".equals(path[2])) {
            return Optional.of(changeStatus(caller, zone, id(path[1]), request));
        }
        if (path.length == 3 && "emergencies".equals(path[0]) && "review".equals(path[2])) {
            return Optional.of(review(caller, zone, id(path[1]), request));
        }
        return Optional.empty();
    }

    private PageView overview(Caller caller, ZoneId zone) {
        List<Map<String, Object>> demands = new ArrayList<>();
        for (LegalDemand d : records.demands().list(caller.agency(), null, null, null, LIST_LIMIT, 0)) {
            demands.add(LegalModels.demand(d));
        }
        List<Map<String, Object>> emergencies = new ArrayList<>();
        for (EmergencyRequest e : records.emergencies().list(caller.agency(), null, false, LIST_LIMIT, 0)) {
            emergencies.add(LegalModels.emergency(e, caller));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("demands", demands);
        model.put("emergencies", emergencies);
        model.put("overdue", records.emergencies().overdueCount(caller.agency()));
        model.put("reviewHours", records.emergencies().reviewWindow().toHours());
        model.put("zone", zone.getId());
        model.put("agency", caller.agency());
        model.put("limit", LIST_LIMIT);
        return PageView.of("legal", model);
    }

    private PageView createDemand(Caller caller, ZoneId zone, PageRequest request) {
        FormFields form = new FormFields(request, "legal.form.");
        LegalDemandKind kind = form.choice("kind", true, LegalDemandKind.class);
        String caseNumber = caseNumber(form, true);
        String document = form.text("documentReference", true, 200);
        String vendor = form.text("vendor", true, 120);
        String scope = form.text("scope", true, 2000);
        var from = form.dateTime("footageFrom", true, zone);
        var to = form.dateTime("footageTo", true, zone);
        var issued = form.date("issuedOn", false);
        var served = form.date("servedOn", false);
        if (!form.valid()) {
            return demandForm(form.values(), form.messages(), null, request).withStatus(400);
        }
        try {
            LegalDemand created = records.demands().create(caller.agency(), caller.account(),
                    new LegalDemands.Details(kind, caseNumber, document, vendor, scope, from, to, issued, served));
            return PageView.redirect("/legal/demands/" + created.id());
        } catch (ProblemException e) {
            return demandForm(form.values(), PageProblems.fieldMessages(e.problem()), generalError(e), request)
                    .withStatus(e.problem().status());
        }
    }

    private PageView createEmergency(Caller caller, ZoneId zone, PageRequest request) {
        FormFields form = new FormFields(request, "legal.form.");
        String vendor = form.text("vendor", true, 120);
        String caseNumber = caseNumber(form, false);
        String scope = form.text("scope", true, 2000);
        String justification = form.text("justification", true, 4000);
        if (justification != null && justification.length() < EmergencyRequests.MIN_JUSTIFICATION) {
            form.fail("justification", "legal.form.justification", EmergencyRequests.MIN_JUSTIFICATION);
        }
        var from = form.dateTime("footageFrom", true, zone);
        var to = form.dateTime("footageTo", true, zone);
        var requestedAt = form.dateTime("requestedAt", false, zone);
        if (!form.valid()) {
            return emergencyForm(form.values(), form.messages(), null, request).withStatus(400);
        }
        try {
            EmergencyRequest created = records.emergencies().create(caller.agency(), caller.account(),
                    new EmergencyRequests.Details(vendor, caseNumber, scope, justification, from, to, requestedAt));
            return PageView.redirect("/legal/emergencies/" + created.id());
        } catch (ProblemException e) {
            return emergencyForm(form.values(), PageProblems.fieldMessages(e.problem()), generalError(e), request)
                    .withStatus(e.problem().status());
        }
    }

    private PageView changeStatus(Caller caller, ZoneId zone, UUID id, PageRequest request) {
        FormFields form = new FormFields(request, "legal.form.");
        LegalDemandStatus status = form.choice("status", true, LegalDemandStatus.class);
        var on = form.date("on", false);
        var issued = form.date("issuedOn", false);
        String note = form.text("note", false, 1000);
        if (!form.valid()) {
            return demand(caller, zone, id, form.messages(), null, request).withStatus(400);
        }
        try {
            records.demands().changeStatus(caller.agency(), id, caller.account(), new LegalDemands.StatusChange(status, on, issued, note))
                    .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such legal demand."));
            return PageView.redirect("/legal/demands/" + id);
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            return demand(caller, zone, id, PageProblems.fieldMessages(e.problem()), generalError(e), request)
                    .withStatus(e.problem().status());
        }
    }

    private PageView review(Caller caller, ZoneId zone, UUID id, PageRequest request) {
        // Only a supervisor reviews, as at POST .../emergency-requests/{id}/review; others never see the form.
        if (!caller.hasRole(Roles.SUPERVISOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a supervisor reviews an emergency request.");
        }
        FormFields form = new FormFields(request, "legal.form.");
        ReviewVerdict verdict = form.choice("verdict", true, ReviewVerdict.class);
        String note = form.text("note", false, 2000);
        if (verdict == ReviewVerdict.NOT_JUSTIFIED && (note == null || note.length() < EmergencyRequests.MIN_NOT_JUSTIFIED_NOTE)) {
            form.fail("note", "legal.form.reviewNote", EmergencyRequests.MIN_NOT_JUSTIFIED_NOTE);
        }
        if (!form.valid()) {
            return emergency(caller, zone, id, form.messages(), null, request).withStatus(400);
        }
        try {
            records.emergencies().review(caller.agency(), id, caller.account(), verdict, note)
                    .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such emergency request."));
            return PageView.redirect("/legal/emergencies/" + id);
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            return emergency(caller, zone, id, PageProblems.fieldMessages(e.problem()), generalError(e), request)
                    .withStatus(e.problem().status());
        }
    }

    private PageView demand(Caller caller, ZoneId zone, UUID id, Map<String, String> errors, String error, PageRequest request) {
        LegalDemand demand = records.demands().find(caller.agency(), id)
                .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such legal demand."));
        Map<String, Object> model = new HashMap<>();
        model.put("demand", LegalModels.demand(demand));
        model.put("zone", zone.getId());
        model.put("errors", errors == null ? Map.of() : errors);
        model.put("formError", error == null ? "" : error);
        model.put("values", valuesOf(request, "status", "on", "issuedOn", "note"));
        return PageView.of("legal-demand", model);
    }

    private PageView emergency(Caller caller, ZoneId zone, UUID id, Map<String, String> errors, String error, PageRequest request) {
        EmergencyRequest emergency = records.emergencies().find(caller.agency(), id)
                .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such emergency request."));
        Map<String, Object> model = new HashMap<>();
        model.put("emergency", LegalModels.emergency(emergency, caller));
        model.put("zone", zone.getId());
        model.put("mayReview", caller.hasRole(Roles.SUPERVISOR) && emergency.review() == null
                && !caller.account().equals(emergency.requestedBy()));
        model.put("ownRequest", caller.account().equals(emergency.requestedBy()));
        model.put("supervisor", caller.hasRole(Roles.SUPERVISOR));
        model.put("errors", errors == null ? Map.of() : errors);
        model.put("formError", error == null ? "" : error);
        model.put("values", valuesOf(request, "verdict", "note"));
        return PageView.of("legal-emergency", model);
    }

    private PageView demandForm(Map<String, String> values, Map<String, String> errors, String error, PageRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors);
        model.put("formError", error == null ? "" : error);
        model.put("kinds", List.of(LegalDemandKind.values()).stream().map(Enum::name).toList());
        model.put("zone", records.zoneOf(request.caller().orElseThrow().agency()).getId());
        return PageView.of("legal-demand-form", model);
    }

    private PageView emergencyForm(Map<String, String> values, Map<String, String> errors, String error, PageRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors);
        model.put("formError", error == null ? "" : error);
        model.put("minJustification", EmergencyRequests.MIN_JUSTIFICATION);
        model.put("reviewHours", records.emergencies().reviewWindow().toHours());
        model.put("zone", records.zoneOf(request.caller().orElseThrow().agency()).getId());
        return PageView.of("legal-emergency-form", model);
    }

    private static Map<String, String> valuesOf(PageRequest request, String... fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields) {
            values.put(field, "POST".equals(request.method()) ? request.parameter(field).orElse("") : "");
        }
        return values;
    }

    /** A case number as the REST resources take it (letters, digits and a few marks, at most 64 characters). */
    private static String caseNumber(FormFields form, boolean required) {
        String text = form.text("caseNumber", required, 64);
        if (text != null && !text.matches(LegalDemandResource.CASE_NUMBER)) {
            return form.fail("caseNumber", "legal.form.caseNumber");
        }
        return text;
    }

    /** A problem that names no field (a state change not allowed, one's own request): its text, above the form. */
    static String generalError(ProblemException e) {
        return e.problem().errors().isEmpty() ? PageProblems.text(e.problem()) : null;
    }

    private static UUID id(String text) {
        return PagePaths.id(text);
    }
}
