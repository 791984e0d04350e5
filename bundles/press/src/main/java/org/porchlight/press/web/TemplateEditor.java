package org.porchlight.press.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.press.PlaceholderException;
import org.porchlight.press.PlaceholderType;
import org.porchlight.press.PressProblems;
import org.porchlight.press.PressTemplate;
import org.porchlight.press.ReleaseState;
import org.porchlight.press.Rendering;
import org.porchlight.press.SourceLimits;
import org.porchlight.press.TemplateDiff;
import org.porchlight.press.TemplateVersion;
import org.porchlight.press.TemplateWorkflow;

/**
 * The template editor below a base path ({@code /press} for the agency's PIO and admin, {@code /vendor/press/<agency>}
 * for a granted vendor): {@code new}, {@code <id>}, {@code <id>/diff} and the {@code preview} fragment; every rule is
 * the {@link TemplateWorkflow}'s, as for the REST resource.
 */
final class TemplateEditor {

    private static final int MAX_TITLE = 300;
    private static final int MAX_VALUE = 5000;
    private static final int MAX_PLACEHOLDERS = 50;

    private final TemplateWorkflow workflow;
    private final Agencies agencies;

    TemplateEditor(TemplateWorkflow workflow, Agencies agencies) {
        this.workflow = workflow;
        this.agencies = agencies;
    }

    /** What the author typed. */
    private record Form(String kind, String network, String locale, String title, String body, String placeholders,
            PlaceholderLines.Parsed parsed) {

        static Form of(PageRequest request) {
            String placeholders = request.parameter("placeholders").orElse("");
            return new Form(request.parameter("kind").orElse(ReleaseKind.PRESS_RELEASE.name()),
                    request.parameter("network").orElse("").strip(), request.parameter("locale").orElse("en-US").strip(),
                    request.parameter("title").orElse(""), request.parameter("body").orElse("").replace("\r\n", "\n"),
                    placeholders, PlaceholderLines.parse(placeholders));
        }

        static Form of(PressTemplate t) {
            return new Form(t.kind().name(), t.network() == null ? "" : t.network(), t.locale(), t.title(), t.body(),
                    PlaceholderLines.format(t.placeholders(), t.values()), null);
        }
    }

    PageView render(PageRequest request, Caller caller, String agency, String base, String rest) {
        if ("new".equals(rest)) {
            workflow.requireAuthor(caller, agency);
            return PageView.of("press-editor", model(caller, agency, base, null, newForm(), Map.of(), null));
        }
        String[] parts = rest.split("/");
        UUID id = id(parts[0]);
        if (parts.length == 1) {
            PressTemplate t = workflow.template(caller, agency, id);
            return PageView.of("press-editor", model(caller, agency, base, t, Form.of(t), Map.of(), null));
        }
        if (parts.length == 2 && "diff".equals(parts[1])) {
            return diff(request, caller, agency, base, id);
        }
        throw new ProblemException(PressProblems.NOT_FOUND, "No such page.");
    }

    Optional<PageView> submit(PageRequest request, Caller caller, String agency, String base, String rest) {
        String[] parts = rest.split("/");
        boolean fragment = parts.length == 2 && "preview".equals(parts[1]);
        if (parts.length > 2 || parts.length == 2 && !fragment) {
            throw new ProblemException(PressProblems.NOT_FOUND, "No such page.");
        }
        String action = fragment ? "preview" : request.parameter("action").orElse("save");
        Form form = Form.of(request);
        PressTemplate existing = "new".equals(parts[0]) ? null : workflow.template(caller, agency, id(parts[0]));
        if (existing == null) {
            workflow.requireAuthor(caller, agency);
        }
        return Optional.of(switch (action) {
            case "preview" -> preview(caller, agency, base, existing, form, fragment);
            case "save" -> save(caller, agency, base, existing, form);
            case "submit", "approve", "reject", "publish" -> {
                if (existing == null) {
                    throw new ProblemException(PressProblems.NOT_FOUND, "No such template.");
                }
                yield move(request, caller, agency, base, existing, action);
            }
            default -> throw new ProblemException(ProblemType.VALIDATION, "Unknown action.");
        });
    }

    private PageView preview(Caller caller, String agency, String base, PressTemplate existing, Form form, boolean fragment) {
        Map<String, String> errors = check(form);
        Map<String, Object> preview = null;
        if (errors.isEmpty()) {
            try {
                ReleaseKind kind = existing != null ? existing.kind() : ReleaseKind.valueOf(form.kind());
                String network = existing != null ? existing.network() : network(kind, form.network());
                String locale = existing != null ? existing.locale() : form.locale();
                Rendering r = workflow.previews().preview(caller, agency, new TemplateWorkflow.NewTemplate(kind, network, locale,
                        form.title(), form.body(), form.parsed().placeholders(), form.parsed().values()));
                preview = Map.of("title", r.title(), "paragraphs", Paragraphs.of(r.text()));
            } catch (ProblemException e) {
                errors = refusal(e);
            }
        }
        if (fragment) {
            // htmx swaps only 2xx answers: the refusal is shown in the preview's place
            Map<String, Object> model = new HashMap<>();
            model.put("preview", preview);
            model.put("errors", errors);
            return PageView.fragment("press-preview", model);
        }
        return PageView.of("press-editor", model(caller, agency, base, existing, form, errors, preview))
                .withStatus(errors.isEmpty() ? 200 : 422);
    }

    private PageView save(Caller caller, String agency, String base, PressTemplate existing, Form form) {
        Map<String, String> errors = check(form);
        if (errors.isEmpty()) {
            try {
                PressTemplate saved;
                if (existing == null) {
                    ReleaseKind kind = ReleaseKind.valueOf(form.kind());
                    saved = workflow.create(caller, agency, new TemplateWorkflow.NewTemplate(kind, network(kind, form.network()),
                            form.locale(), form.title(), form.body(), form.parsed().placeholders(), form.parsed().values()));
                } else {
                    saved = workflow.edit(caller, agency, existing.id(), new TemplateWorkflow.Edit(form.title(), form.body(),
                            form.parsed().placeholders(), form.parsed().values()));
                }
                return PageView.redirect(base + "/" + saved.id());
            } catch (ProblemException e) {
                errors = refusal(e);
            }
        }
        return PageView.of("press-editor", model(caller, agency, base, existing, form, errors, null)).withStatus(status(errors));
    }

    private PageView move(PageRequest request, Caller caller, String agency, String base, PressTemplate t, String action) {
        Map<String, String> errors = new LinkedHashMap<>();
        int status = 200;
        try {
            switch (action) {
                case "submit" -> workflow.submit(caller, agency, t.id());
                case "approve" -> workflow.approve(caller, agency, t.id());
                case "publish" -> workflow.publish(caller, agency, t.id());
                default -> {
                    String reason = request.parameter("reason").orElse("").strip();
                    if (reason.isEmpty() || reason.length() > 1000) {
                        errors.put("reason", "press.error.reason");
                        status = 400;
                    } else {
                        workflow.reject(caller, agency, t.id(), reason);
                    }
                }
            }
            if (errors.isEmpty()) {
                return PageView.redirect(base + "/" + t.id());
            }
        } catch (ProblemException e) {
            if (!mistake(e)) {
                throw e;
            }
            errors.put("form", e.problem().detail());
            status = e.problem().status();
        }
        PressTemplate now = workflow.template(caller, agency, t.id());
        return PageView.of("press-editor", model(caller, agency, base, now, Form.of(now), errors, null)).withStatus(status);
    }

    private PageView diff(PageRequest request, Caller caller, String agency, String base, UUID id) {
        PressTemplate t = workflow.template(caller, agency, id);
        int to = request.parameter("to").flatMap(FormFields::integer).orElse(t.version());
        int from = request.parameter("from").flatMap(FormFields::integer).orElse(Math.max(1, to - 1));
        TemplateDiff diff = workflow.diff(caller, agency, id, from, to);
        Map<String, Object> model = new HashMap<>();
        model.put("base", base);
        model.put("template", summary(t));
        model.put("from", from);
        model.put("to", to);
        model.put("versionNumbers", versionNumbers(t.version()));
        model.put("lines", DiffLines.of(diff.unified()));
        return PageView.of("press-diff", model);
    }

    /** The editor's whole model: the template (null for a new one), the form, errors by field, a preview. */
    private Map<String, Object> model(Caller caller, String agency, String base, PressTemplate t, Form form,
            Map<String, String> errors, Map<String, Object> preview) {
        AgencyProfile profile = agencies.find(agency).orElseThrow(() -> new ProblemException(PressProblems.NOT_FOUND,
                "No such agency."));
        Map<String, Object> model = new HashMap<>();
        model.put("base", base);
        model.put("zone", profile.zone().getId());
        model.put("agencyName", profile.name());
        model.put("kind", form.kind());
        model.put("network", form.network());
        model.put("locale", form.locale());
        model.put("title", form.title());
        model.put("body", form.body());
        model.put("placeholders", form.placeholders());
        model.put("errors", errors);
        model.put("preview", preview);
        model.put("kinds", List.of(ReleaseKind.values()).stream().map(Enum::name).toList());
        model.put("networks", List.copyOf(workflow.networks().keySet()));
        model.put("types", List.of(PlaceholderType.values()).stream().map(Enum::name).toList());
        boolean author = isAuthor(caller);
        boolean approver = isApprover(caller);
        if (t == null) {
            model.put("canEdit", author);
            return model;
        }
        model.put("template", summary(t));
        ReleaseState state = t.state();
        model.put("canEdit", author && state.allows(ReleaseState.Move.EDIT));
        model.put("canSubmit", author && state.allows(ReleaseState.Move.SUBMIT));
        model.put("canApprove", approver && state.allows(ReleaseState.Move.APPROVE));
        model.put("canReject", approver && state.allows(ReleaseState.Move.REJECT));
        model.put("canPublish", approver && state.allows(ReleaseState.Move.PUBLISH));
        List<Map<String, Object>> versions = new ArrayList<>();
        for (TemplateVersion v : workflow.versions(caller, agency, t.id())) {
            versions.add(0, Map.of("version", v.version(), "title", v.title(), "authorRole", v.author().role(),
                    "authorVendor", v.author().vendor() == null ? "" : v.author().vendor(),
                    "createdAt", v.createdAt().toString()));
        }
        model.put("versions", versions);
        if (t.approvedVersion() != null) {
            Map<String, Object> approval = new HashMap<>();
            approval.put("version", t.approvedVersion());
            approval.put("by", t.approvedBy() == null ? "" : t.approvedBy());
            approval.put("at", t.approvedAt() == null ? "" : t.approvedAt().toString());
            approval.put("checks", String.join(", ", t.checksPassed()));
            workflow.previews().approvedText(caller, agency, t.id()).ifPresent(r -> {
                approval.put("title", r.title());
                approval.put("paragraphs", Paragraphs.of(r.text()));
                String disclosure = workflow.previews().disclosure(caller, agency);
                approval.put("disclosure", disclosure == null ? "" : disclosure);
                approval.put("disclosed", disclosure != null && !disclosure.isEmpty() && r.text().contains(disclosure));
            });
            model.put("approval", approval);
        }
        return model;
    }

    private static Map<String, Object> summary(PressTemplate t) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", t.id().toString());
        m.put("agency", t.agency());
        m.put("kind", t.kind().name());
        m.put("network", t.network() == null ? "" : t.network());
        m.put("locale", t.locale());
        m.put("state", t.state().name());
        m.put("version", t.version());
        m.put("title", t.title());
        m.put("rejectReason", t.rejectReason() == null ? "" : t.rejectReason());
        return m;
    }

    static List<Integer> versionNumbers(int upTo) {
        List<Integer> numbers = new ArrayList<>();
        for (int v = upTo; v >= 1; v--) {
            numbers.add(v);
        }
        return numbers;
    }

    private static Form newForm() {
        return new Form(ReleaseKind.PRESS_RELEASE.name(), "", "en-US", "", "", "", null);
    }

    /** The page's own checks of the form (the REST resource's bean validation); message keys by field. */
    private static Map<String, String> check(Form form) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.title().isBlank()) {
            errors.put("title", "press.error.titleRequired");
        } else if (form.title().length() > MAX_TITLE) {
            errors.put("title", "press.error.titleLong");
        }
        if (form.body().length() > SourceLimits.MAX_CHARS) {
            errors.put("body", "press.error.bodyLong");
        }
        if (Arrays.stream(ReleaseKind.values()).noneMatch(k -> k.name().equals(form.kind()))) {
            errors.put("kind", "press.error.kind");
        }
        PlaceholderLines.Parsed parsed = form.parsed();
        if (!parsed.errors().isEmpty()) {
            errors.put("placeholders", String.join("; ", parsed.errors()));
        } else if (parsed.placeholders().size() > MAX_PLACEHOLDERS
                || parsed.values().values().stream().anyMatch(v -> v.length() > MAX_VALUE)) {
            errors.put("placeholders", "press.error.placeholdersLong");
        }
        return errors;
    }

    /** A workflow's refusal next to the field it is about, when it is the author's mistake. */
    private static Map<String, String> refusal(ProblemException e) {
        if (!mistake(e)) {
            throw e;
        }
        String detail = e.problem().detail();
        String field;
        if (detail.startsWith("The title")) {
            field = "title";
        } else if (detail.startsWith("The body")) {
            field = "body";
        } else if (e instanceof PlaceholderException || PressProblems.INVALID.uri().equals(e.problem().type())) {
            field = "placeholders";
        } else {
            field = "form";
        }
        return Map.of(field, detail);
    }

    private static boolean mistake(ProblemException e) {
        int status = e.problem().status();
        return status == 422 || status == 409 || PressProblems.SELF_APPROVAL.uri().equals(e.problem().type());
    }

    private static int status(Map<String, String> errors) {
        return errors.isEmpty() ? 200 : 422;
    }

    private static String network(ReleaseKind kind, String network) {
        return kind == ReleaseKind.SOCIAL_POST ? network.toLowerCase(Locale.ROOT) : null;
    }

    static boolean isAuthor(Caller caller) {
        return caller.hasRole(Roles.PIO) || caller.hasRole(Roles.VENDOR);
    }

    static boolean isApprover(Caller caller) {
        return caller.hasRole(Roles.PIO) || caller.hasRole(Roles.AGENCY_ADMIN);
    }

    private static UUID id(String text) {
        return PagePaths.id(text);
    }
}
