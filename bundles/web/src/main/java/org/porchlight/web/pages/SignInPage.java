package org.porchlight.web.pages;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

/**
 * The sign-in form (works without JavaScript). The shell itself takes the form's POST, because
 * signing in sets the session cookie, which pages never do.
 */
@Component(service = Page.class)
public class SignInPage implements Page {

    static final PageInfo INFO = new PageInfo("/sign-in", "signin.title", Set.of(PageInfo.PUBLIC), null, 0);

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (request.caller().isPresent()) {
            return PageView.redirect("/start");
        }
        return PageView.of("sign-in", Map.of("error", "", "email", ""));
    }
}
