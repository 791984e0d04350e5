package org.porchlight.press.web;

import java.time.ZoneOffset;
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
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.press.VendorGrant;
import org.porchlight.press.VendorGrants;

/** {@code /press/vendors}: the agency admin grants vendor accounts press drafting, under the name the public log shows, and revokes. */
@Component(service = Page.class)
public class PressVendorsPage implements Page {

    static final String PATH = "/press/vendors";

    private final VendorGrants grants;
    private final Agencies agencies;

    @Activate
    public PressVendorsPage(@Reference VendorGrants grants, @Reference Agencies agencies) {
        this.grants = grants;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "press.vendors.title", Set.of(Roles.AGENCY_ADMIN), PageInfo.GROUP_ADMIN, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        return PageView.of("press-vendors", model(request.caller().orElseThrow(), "", "", Map.of()));
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        String agency = caller.agency();
        if ("revoke".equals(request.parameter("action").orElse(""))) {
            UUID account = uuid(request.parameter("account").orElse(""));
            if (account != null) {
                try {
                    grants.revoke(agency, account);
                } catch (ProblemException e) {
                    // already revoked (another tab): the list shows what is
                }
            }
            return Optional.of(PageView.redirect(PATH));
        }
        String accountText = request.parameter("account").orElse("").strip();
        String name = request.parameter("name").orElse("").strip();
        Map<String, String> errors = new HashMap<>();
        UUID account = uuid(accountText);
        if (account == null) {
            errors.put("account", "press.vendors.error.account");
        }
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", "press.vendors.error.name");
        }
        if (errors.isEmpty()) {
            try {
                grants.grant(agency, account, name, caller.account());
                return Optional.of(PageView.redirect(PATH));
            } catch (ProblemException e) {
                if (e.problem().status() != 422) {
                    throw e;
                }
                errors.put("account", "press.vendors.error.notVendor");
            }
        }
        return Optional.of(PageView.of("press-vendors", model(caller, accountText, name, errors)).withStatus(422));
    }

    private Map<String, Object> model(Caller caller, String account, String name, Map<String, String> errors) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VendorGrant g : grants.grants(caller.agency())) {
            rows.add(Map.of("account", g.vendor().toString(), "name", g.name(), "grantedAt", g.grantedAt().toString()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("grants", rows);
        model.put("account", account);
        model.put("name", name);
        model.put("errors", errors);
        model.put("zone", agencies.find(caller.agency()).map(AgencyProfile::zone)
                .orElse(ZoneOffset.UTC).getId());
        return model;
    }

    private static UUID uuid(String text) {
        return PagePaths.uuid(text).orElse(null);
    }
}
