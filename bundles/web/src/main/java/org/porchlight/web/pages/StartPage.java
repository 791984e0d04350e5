package org.porchlight.web.pages;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

/** The start page after sign-in: the caller's role and the pages their role's navigation offers. */
@Component(service = Page.class)
public class StartPage implements Page {

    static final PageInfo INFO = new PageInfo("/start", "start.title", Roles.ALL, PageInfo.GROUP_MY, 0);

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String role = request.caller().orElseThrow().role();
        return PageView.of("start", Map.of("roleKey", "role." + role));
    }
}
