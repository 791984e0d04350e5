package org.porchlight.identity.web;

import static org.porchlight.identity.web.PortalForms.field;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.EmailVerifications;

/**
 * The page the verification mail's link opens ({@code /verify-email?token=...}): it asks the resident
 * to confirm with a button, so that a mail scanner or a link preview that merely opens the link does not
 * use the single-use token up; the code can also be typed in when the mail holds no link.
 */
@Component(service = Page.class)
public class VerifyEmailPage implements Page {

    static final PageInfo INFO = new PageInfo("/verify-email", "identity.verify.title", Set.of(PageInfo.PUBLIC), null, 0);

    private final EmailVerifications verifications;

    @Activate
    public VerifyEmailPage(@Reference EmailVerifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if ("done".equals(request.subPath())) {
            return PageView.of("verify-email-done", PageModel.orEmpty("resident", isResident(request)));
        }
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        String token = field(request, "token");
        return form(request, token.length() > 200 ? "" : token, "");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        String token = field(request, "token");
        if (token.isEmpty() || token.length() > 200) {
            return Optional.of(form(request, "", request.text("identity.verify.missing")).withStatus(400));
        }
        try {
            verifications.verify(token);
        } catch (ProblemException e) {
            if (!EmailVerifications.INVALID_LINK.uri().equals(e.problem().type())) {
                throw e;
            }
            return Optional.of(form(request, "", request.text("identity.verify.invalid")).withStatus(400));
        }
        return Optional.of(PageView.redirect("/verify-email/done"));
    }

    private static PageView form(PageRequest request, String token, String error) {
        return PageView.of("verify-email", PageModel.orEmpty("token", token, "error", error, "resident", isResident(request),
                "errors", Map.of()));
    }

    private static boolean isResident(PageRequest request) {
        return request.caller().filter(c -> Roles.RESIDENT.equals(c.role())).isPresent();
    }
}
