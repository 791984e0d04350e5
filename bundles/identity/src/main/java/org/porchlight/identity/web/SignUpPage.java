package org.porchlight.identity.web;

import static org.porchlight.identity.web.PortalForms.field;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.SignUps;

/**
 * A resident signs up: e-mail, password, display name and, while the incentives bundle runs, a referral
 * code; the same workflow, throttling and answer as {@code POST /api/accounts}, then a page that says a
 * mail is on its way whether or not the address had an account.
 */
@Component(service = Page.class)
public class SignUpPage implements Page {

    static final PageInfo INFO = new PageInfo("/sign-up", "identity.signUp.title", Set.of(PageInfo.PUBLIC), null, 0);

    private final SignUps signUps;

    @Activate
    public SignUpPage(@Reference SignUps signUps) {
        this.signUps = signUps;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if ("sent".equals(request.subPath())) {
            return PageView.of("sign-up-sent", Map.of());
        }
        if ("code".equals(request.subPath())) {
            return codeCheck(request);
        }
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        return form(request, "", "", "", Map.of());
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        String email = field(request, "email");
        String password = request.parameter("password").orElse("");
        String displayName = field(request, "displayName");
        String referralCode = field(request, "referralCode");
        Map<String, String> errors = new LinkedHashMap<>();
        if (!PortalForms.isEmail(email)) {
            errors.put("email", request.text("identity.email.invalid"));
        }
        if (password.isEmpty() || password.length() > 1024) {
            errors.put("password",
                    request.text(password.isEmpty() ? "identity.password.missing" : "identity.password.long", 128));
        }
        if (displayName.isEmpty() || displayName.length() > 200) {
            errors.put("displayName", request.text("identity.displayName.invalid"));
        }
        if (referralCode.length() > 32) {
            errors.put("referralCode", request.text("identity.referral.tooLong"));
        }
        if (!errors.isEmpty()) {
            return Optional.of(form(request, email, displayName, referralCode, errors).withStatus(400));
        }
        try {
            signUps.signUp(request.clientAddress(), email, password, displayName,
                    signUps.takesReferralCodes() && !referralCode.isEmpty() ? referralCode : null);
        } catch (ProblemException e) {
            int status = e.problem().status();
            if (status == 429) {
                errors.put("form", request.text("identity.signUp.tooMany", PortalForms.minutes(e)));
            } else if (status == 400 && PortalForms.field(e).filter("password"::equals).isPresent()) {
                errors.put("password", PortalForms.passwordProblem(request, e));
            } else {
                throw e;
            }
            return Optional.of(form(request, email, displayName, referralCode, errors).withStatus(status));
        }
        return Optional.of(PageView.redirect("/sign-up/sent"));
    }

    /** The live check next to the referral code field (htmx): whose code it is and until when, or why it does not apply. */
    private PageView codeCheck(PageRequest request) {
        String code = field(request, "referralCode");
        if (code.isEmpty() || code.length() > 32) {
            return PageView.fragment("sign-up-code", Map.of("state", "empty"));
        }
        try {
            return signUps.checkReferral(code).map(c -> PageView.fragment("sign-up-code", PageModel.orEmpty("state", "valid",
                    "agencyName", c.agencyName(), "partner", c.partner() == null ? "" : c.partner(),
                    "validUntil", c.validUntil().toString()))).orElseGet(() -> PageView.fragment("sign-up-code",
                            Map.of("state", "empty")));
        } catch (ProblemException e) {
            int status = e.problem().status();
            if (status != 404 && status != 409 && status != 410) {
                throw e;
            }
            return PageView.fragment("sign-up-code", Map.of("state", status == 404 ? "unknown" : "notNow"));
        }
    }

    private PageView form(PageRequest request, String email, String displayName, String referralCode,
            Map<String, String> errors) {
        return PageView.of("sign-up", PageModel.orEmpty("email", email, "displayName", displayName,
                "referralCode", referralCode, "referrals", signUps.takesReferralCodes(), "errors", errors));
    }
}
