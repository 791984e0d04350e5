package org.porchlight.press.web;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.press.PressTemplate;
import org.porchlight.press.TemplateWorkflow;

/**
 * {@code /press}: the agency's templates for its PIO and admin (the roles the press API lets read them), and below it
 * the editor ({@code /press/new}, {@code /press/<id>}, {@code /press/<id>/diff}).
 */
@Component(service = Page.class)
public class PressPage implements Page {

    static final String PATH = "/press";

    private final TemplateWorkflow workflow;
    private final Agencies agencies;
    private final TemplateEditor editor;

    @Activate
    public PressPage(@Reference TemplateWorkflow workflow, @Reference Agencies agencies) {
        this.workflow = workflow;
        this.agencies = agencies;
        this.editor = new TemplateEditor(workflow, agencies);
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "press.title", Set.of(Roles.PIO, Roles.AGENCY_ADMIN), PageInfo.GROUP_WORK, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        if (!request.subPath().isEmpty()) {
            return editor.render(request, caller, caller.agency(), PATH, request.subPath());
        }
        return PageView.of("press-list", list(caller, caller.agency(), workflow.templates(caller, caller.agency()), agencies, PATH));
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        if (request.subPath().isEmpty()) {
            return Optional.empty();
        }
        return editor.submit(request, caller, caller.agency(), PATH, request.subPath());
    }

    /** The list's model: each template with its state and version, newest first. */
    static Map<String, Object> list(Caller caller, String agency, List<PressTemplate> templates, Agencies agencies,
            String base) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PressTemplate t : templates) {
            rows.add(0, Map.of("id", t.id().toString(), "title", t.title(), "kind", t.kind().name(), "network",
                    t.network() == null ? "" : t.network(), "state", t.state().name(), "version", t.version(),
                    "createdAt", t.createdAt().toString()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("templates", rows);
        model.put("base", base);
        model.put("canWrite", TemplateEditor.isAuthor(caller));
        model.put("isAdmin", caller.hasRole(Roles.AGENCY_ADMIN));
        model.put("zone", agencies.find(agency).map(AgencyProfile::zone)
                .orElse(ZoneOffset.UTC).getId());
        return model;
    }
}
