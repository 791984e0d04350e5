package org.porchlight.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.ApiKeys;

/**
 * A vendor's API keys, as {@code /api/api-keys} manages them: a new key's secret is shown once, on the
 * answer to the form; a key is revoked for good. Keys are the vendor's own: another's are never found.
 */
@Component(service = Page.class)
public class VendorPage implements Page {

    static final PageInfo INFO = new PageInfo("/vendor", "identity.vendor.title", Set.of(Roles.VENDOR), PageInfo.GROUP_WORK, 50);

    private static final String KEY_ID = "[A-Za-z0-9_-]{1,32}";

    private final ApiKeys keys;

    @Activate
    public VendorPage(@Reference ApiKeys keys) {
        this.keys = keys;
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
        return page(request, PageModel.orEmpty("notice",
                request.parameter("revoked").isPresent() ? request.text("identity.vendor.revoked") : ""));
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        UUID vendor = vendor(request);
        String[] path = request.subPath().split("/");
        if ("keys".equals(request.subPath())) {
            String name = PortalForms.field(request, "name");
            if (name.isEmpty() || name.length() > 100) {
                Map<String, String> errors = Map.of("name", request.text("identity.vendor.name.invalid"));
                return Optional.of(page(request, PageModel.orEmpty("errors", errors,
                        "name", name)).withStatus(400));
            }
            ApiKeys.Created created = keys.create(vendor, name);
            // The secret is in this answer only: never in a URL, never stored.
            return Optional.of(page(request, PageModel.orEmpty("created", PageModel.orEmpty("name", created.name(),
                    "key", created.key()))));
        }
        if (path.length == 3 && "keys".equals(path[0]) && "revoke".equals(path[2]) && path[1].matches(KEY_ID)) {
            if (!keys.revoke(vendor, path[1])) {
                throw PortalForms.notFound();
            }
            return Optional.of(PageView.redirect("/vendor?revoked"));
        }
        throw PortalForms.notFound();
    }

    private PageView page(PageRequest request, Map<String, Object> extra) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ApiKeys.ApiKey key : keys.list(vendor(request))) {
            listed.add(PageModel.orEmpty("id", key.id(), "name", key.name(), "created", PortalForms.iso(key.createdAt()),
                    "revoked", PortalForms.iso(key.revokedAt()), "active", key.revokedAt() == null));
        }
        Map<String, Object> model = PageModel.orEmpty("keys", listed, "errors", Map.of(), "name", "", "notice", "");
        model.putAll(extra);
        return PageView.of("vendor", model);
    }

    private static UUID vendor(PageRequest request) {
        return request.caller().orElseThrow(PortalForms::notFound).account();
    }
}
