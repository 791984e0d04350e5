package org.porchlight.press.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.press.PressProblems;
import org.porchlight.press.TemplateWorkflow;
import org.porchlight.press.VendorGrants;
import org.porchlight.press.store.VendorGrantRows;

/**
 * {@code /vendor/press}: the agencies that granted this vendor account press drafting and the templates it started
 * for each; below it the editor for one agency ({@code /vendor/press/<agency>/new}, {@code .../<id>}), where the
 * workflow lets a vendor write and submit, never approve or publish.
 */
@Component(service = Page.class)
public class VendorPressPage implements Page {

    static final String PATH = "/vendor/press";

    private final TemplateWorkflow workflow;
    private final VendorGrants grants;
    private final Agencies agencies;
    private final TemplateEditor editor;

    @Activate
    public VendorPressPage(@Reference TemplateWorkflow workflow, @Reference VendorGrants grants, @Reference Agencies agencies) {
        this.workflow = workflow;
        this.grants = grants;
        this.agencies = agencies;
        this.editor = new TemplateEditor(workflow, agencies);
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "press.vendor.title", Set.of(Roles.VENDOR), PageInfo.GROUP_WORK, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        if (!request.subPath().isEmpty()) {
            String[] parts = request.subPath().split("/", 2);
            if (parts.length < 2) {
                throw new ProblemException(PressProblems.NOT_FOUND, "No such page.");
            }
            return editor.render(request, caller, parts[0], PATH + "/" + parts[0], parts[1]);
        }
        List<Map<String, Object>> agenciesModel = new ArrayList<>();
        for (VendorGrantRows.AgencyGrant g : grants.grantsOf(caller.account())) {
            Map<String, Object> a = new HashMap<>(PressPage.list(caller, g.agency(), workflow.templates(caller, g.agency()),
                    agencies, PATH + "/" + g.agency()));
            a.put("code", g.agency());
            a.put("agencyName", agencies.find(g.agency()).map(p -> p.name()).orElse(g.agency()));
            a.put("grantedAs", g.name());
            a.put("grantedAt", g.grantedAt().toString());
            agenciesModel.add(a);
        }
        return PageView.of("press-vendor", Map.of("agencies", agenciesModel));
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        String[] parts = request.subPath().split("/", 2);
        if (parts.length < 2) {
            return Optional.empty();
        }
        return editor.submit(request, caller, parts[0], PATH + "/" + parts[0], parts[1]);
    }
}
