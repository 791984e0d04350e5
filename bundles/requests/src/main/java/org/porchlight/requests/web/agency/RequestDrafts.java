package org.porchlight.requests.web.agency;

import static org.porchlight.requests.web.agency.StaffPages.requireDrafter;
import static org.porchlight.requests.web.agency.StaffPages.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.RequestWorkflow;
import org.porchlight.requests.RequestWorkflow.DraftInput;
import org.porchlight.requests.web.agency.StaffPages.Staff;

/** Drafting a footage request in the portal: the form, saving a draft, and the live policy feedback while it is filled in. */
final class RequestDrafts {

    private static final String PATH = AgencyRequestsPage.PATH;

    private final RequestWorkflow workflow;
    private final RequestDetail detail;

    RequestDrafts(RequestWorkflow workflow, RequestDetail detail) {
        this.workflow = workflow;
        this.detail = detail;
    }

    /** The form for a new draft ({@code current} null) or for changing one, with its errors. */
    PageView form(Staff staff, RequestForm form, FootageRequest current, int status) {
        Map<String, Object> model = new LinkedHashMap<>(form.model());
        model.put("zone", staff.zone().getId());
        model.put("types", types());
        model.put("map", MapView.of(staff.agency().jurisdiction()).drawArea("area").json());
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
    PageView save(PageRequest request, Staff staff, FootageRequest current) {
        RequestForm form = RequestForm.read(request::parameter);
        Optional<DraftInput> input = form.input(staff.zone(), request::text);
        if (input.isEmpty()) {
            return form(staff, form, current, 422);
        }
        try {
            FootageRequest saved = current == null ? workflow.draft(staff.caller(), staff.agency().code(), input.get())
                    : workflow.update(staff.caller(), staff.agency().code(), current.id(), input.get());
            return PageView.redirect(PATH + "/" + saved.id());
        } catch (ProblemException e) {
            Problem problem = e.problem();
            if (problem.status() == 422 && !problem.errors().isEmpty()) {
                form.fieldErrors(problem.errors(), request::text);
                return form(staff, form, current, 422);
            }
            if (problem.status() == 409 && current != null) {
                return detail.refused(request, staff, current.id(), e); // no longer a draft
            }
            throw e;
        }
    }

    /** The live policy feedback (htmx): the form's fields checked as a save would, nothing saved. */
    PageView check(PageRequest request, Staff staff) {
        requireDrafter(staff);
        RequestForm form = RequestForm.read(request::parameter);
        Optional<DraftInput> input = form.input(staff.zone(), request::text);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("checked", true);
        if (input.isPresent()) {
            UUID id = request.parameter("id").filter(s -> !s.isBlank()).map(StaffPages::id).orElse(null);
            PolicyDecision decision = workflow.preview(staff.agency().code(), id, input.get());
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
    static List<Map<String, Object>> feedback(RequestForm form) {
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
}
