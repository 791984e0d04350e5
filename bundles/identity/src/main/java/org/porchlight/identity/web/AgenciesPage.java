package org.porchlight.identity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.problem.ProblemException;
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
 * The platform admin's agencies: every agency, and a new one (code, name, time zone, contact,
 * jurisdiction as a circle's centre and radius or a drawn area), as {@code POST /api/agencies} creates it.
 */
@Component(service = Page.class)
public class AgenciesPage implements Page {

    static final PageInfo INFO = new PageInfo("/admin/agencies", "identity.agencies.title", Set.of(Roles.PLATFORM_ADMIN),
            PageInfo.GROUP_ADMIN, 10);

    private final Directory directory;
    private final AgencySettings settings;

    @Activate
    public AgenciesPage(@Reference Directory directory, @Reference AgencySettings settings) {
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
        String created = PortalForms.field(request, "created");
        String notice = created.isEmpty() ? "" : request.text("identity.agencies.created", created.length() > 16 ? "" : created);
        return page(request, AgencyForm.fields(null), Map.of(), notice);
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        AgencyForm.Result form = AgencyForm.parse(name -> PortalForms.field(request, name), true, null, Map.of());
        if (!form.errors().isEmpty()) {
            return Optional.of(again(request, form.errors(), 422));
        }
        Agency created;
        try {
            created = settings.create(form.agency());
        } catch (ProblemException e) {
            if (AgencySettings.DUPLICATE.uri().equals(e.problem().type())) {
                return Optional.of(again(request, Map.of("code", "identity.agencies.duplicate"), 409));
            }
            throw e;
        }
        return Optional.of(PageView.redirect("/admin/agencies?created=" + created.code()));
    }

    private PageView again(PageRequest request, Map<String, String> errors, int status) {
        return page(request, AgencyForm.posted(name -> PortalForms.field(request, name)), errors, "").withStatus(status);
    }

    private PageView page(PageRequest request, Map<String, Object> fields, Map<String, String> errorKeys, String notice) {
        Map<String, String> errors = new LinkedHashMap<>();
        errorKeys.forEach((field, key) -> errors.put(field, request.text(key)));
        List<Map<String, Object>> agencies = new ArrayList<>();
        for (Agency a : directory.agencies(null)) {
            agencies.add(PageModel.orEmpty("code", a.code(), "name", a.name(), "timeZone", a.timeZone(),
                    "contactEmail", a.contactEmail(), "contactPhone", a.contactPhone(),
                    "jurisdiction", request.text(a.jurisdiction() instanceof Circle ? "identity.agency.kind.circle"
                            : "identity.agency.kind.polygon"), "since", PortalForms.iso(a.createdAt())));
        }
        return PageView.of("agencies", PageModel.orEmpty("agencies", agencies, "form", fields, "errors", errors, "notice", notice,
                "zones", PortalForms.ZONES, "action", "/admin/agencies", "map", MapView.empty().drawArea("area").json(),
                "withCode", true));
    }
}
