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
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.Account;
import org.porchlight.identity.Agency;
import org.porchlight.identity.Directory;
import org.porchlight.identity.EmailVerifications;
import org.porchlight.identity.SignUps;

/**
 * A resident's own account: the address and whether it is verified (with a new link on request, as
 * {@code POST /api/auth/verify-email/resend}), the display name, and the pseudonym each agency knows
 * them by, which is all an agency sees of them unless they reveal themselves with an answer.
 */
@Component(service = Page.class)
public class AccountPage implements Page {

    static final PageInfo INFO = new PageInfo("/account", "identity.account.title", Set.of(Roles.RESIDENT),
            PageInfo.GROUP_MY, 90);

    private final Directory directory;
    private final EmailVerifications verifications;
    private final SignUps signUps;
    private final PseudonymService pseudonyms;

    @Activate
    public AccountPage(@Reference Directory directory, @Reference EmailVerifications verifications,
            @Reference SignUps signUps, @Reference PseudonymService pseudonyms) {
        this.directory = directory;
        this.verifications = verifications;
        this.signUps = signUps;
        this.pseudonyms = pseudonyms;
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
        String notice = request.parameter("sent").isPresent() ? request.text("identity.account.sent") : "";
        return page(request, notice, "");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!"resend".equals(request.subPath())) {
            throw PortalForms.notFound();
        }
        try {
            signUps.resend(resident(request));
        } catch (ProblemException e) {
            String text = switch (e.problem().status()) {
                case 409 -> request.text("identity.account.alreadyVerified");
                case 429 -> request.text("identity.account.tooManyMails", PortalForms.minutes(e));
                case 503 -> request.text("identity.account.noMail");
                default -> throw e;
            };
            return Optional.of(page(request, "", text).withStatus(e.problem().status()));
        }
        return Optional.of(PageView.redirect("/account?sent"));
    }

    private PageView page(PageRequest request, String notice, String error) {
        UUID id = resident(request);
        Account account = directory.account(id).orElseThrow(PortalForms::notFound);
        List<Map<String, Object>> agencies = new ArrayList<>();
        for (Agency agency : directory.agencies(null)) {
            agencies.add(PortalForms.model("code", agency.code(), "name", agency.name(),
                    "pseudonym", pseudonyms.pseudonym(id, agency.code()).label()));
        }
        return PageView.of("account", PortalForms.model("email", account.email(), "displayName", account.displayName(),
                "since", PortalForms.iso(account.createdAt()), "verified", verifications.verified(id), "agencies", agencies,
                "notice", notice, "error", error));
    }

    private static UUID resident(PageRequest request) {
        return request.caller().orElseThrow(PortalForms::notFound).account();
    }
}
