package org.porchlight.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.Agency;
import org.porchlight.identity.AgencySettings;
import org.porchlight.identity.Directory;

/**
 * An agency admin's settings of their own agency, as {@code PUT /api/agencies/{agency}} replaces them:
 * name, time zone, contact, jurisdiction (kept a circle unless an area is drawn or typed) and policy.
 * A jurisdiction over another agency's ground is refused on the form, as the API refuses it.
 */
@Component(service = Page.class)
public class AgencySettingsPage implements Page {

    static final PageInfo INFO = new PageInfo("/agency/settings", "identity.settings.title", Set.of(Roles.AGENCY_ADMIN),
            PageInfo.GROUP_ADMIN, 10);

    private final Directory directory;
    private final AgencySettings settings;

    @Activate
    public AgencySettingsPage(@Reference Directory directory, @Reference AgencySettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        Agency agency = agency(request);
        return page(request, agency, AgencyForm.fields(agency), Map.of(),
                request.parameter("saved").isPresent() ? request.text("identity.settings.saved") : "");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        Caller caller = request.caller().orElseThrow();
        Agency agency = agency(request);
        AgencyForm.Result form = AgencyForm.parse(name -> PortalForms.field(request, name), false, agency.code(),
                AgencyForm.nested(agency.policy()));
        if (!form.errors().isEmpty()) {
            return Optional.of(again(request, agency, form.errors(), 422));
        }
        try {
            settings.update(caller, agency.code(), form.agency()).orElseThrow(PortalForms::notFound);
        } catch (ProblemException e) {
            if (AgencySettings.OVERLAP.uri().equals(e.problem().type())) {
                return Optional.of(again(request, agency, Map.of("area", "identity.agency.overlap"), 403));
            }
            if (PortalForms.field(e).filter("timeZone"::equals).isPresent()) {
                return Optional.of(again(request, agency, Map.of("timeZone", "identity.agency.timeZone.invalid"), 422));
            }
            throw e;
        }
        return Optional.of(PageView.redirect("/agency/settings?saved"));
    }

    private PageView again(PageRequest request, Agency agency, Map<String, String> errors, int status) {
        return page(request, agency, AgencyForm.posted(name -> PortalForms.field(request, name)), errors, "").withStatus(status);
    }

    private static PageView page(PageRequest request, Agency agency, Map<String, Object> fields, Map<String, String> errorKeys,
            String notice) {
        Map<String, String> errors = new LinkedHashMap<>();
        errorKeys.forEach((field, key) -> errors.put(field, request.text(key)));
        return PageView.of("agency-settings", PageModel.orEmpty("agency", agency.name(), "code", agency.code(),
                "form", fields, "errors", errors, "notice", notice, "zones", PortalForms.ZONES, "action", "/agency/settings",
                "map", MapView.of(agency.jurisdiction()).drawArea("area").json(), "withCode", false));
    }

    private Agency agency(PageRequest request) {
        String code = request.caller().map(Caller::agency).orElseThrow(PortalForms::notFound);
        return directory.agency(code).orElseThrow(PortalForms::notFound);
    }
}
