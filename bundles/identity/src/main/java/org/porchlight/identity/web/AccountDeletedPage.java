package org.porchlight.identity.web;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

/** Where a resident lands after deleting their account: what went, what stayed, and that they are signed out. */
@Component(service = Page.class)
public class AccountDeletedPage implements Page {

    static final PageInfo INFO = new PageInfo("/account/deleted", "identity.deleted.title", Set.of(PageInfo.PUBLIC), null, 92);

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        return PageView.of("account-deleted", Map.of());
    }
}
