package org.porchlight.identity.web;

import static org.porchlight.identity.web.PortalForms.field;

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
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.Account;
import org.porchlight.identity.Agency;
import org.porchlight.identity.Directory;
import org.porchlight.identity.EmailVerifications;
import org.porchlight.identity.Passwords;
import org.porchlight.identity.Profiles;
import org.porchlight.identity.SignUps;

/**
 * Anyone's own account: the profile (display name, phone, portal language; as {@code PUT /api/me}) and
 * the password (as {@code POST /api/me/password}: the current one, then a new one; every sign-in ends,
 * so the page sends the browser to sign in again). A resident also sees whether the address is verified
 * (with a new link on request, as {@code POST /api/auth/verify-email/resend}) and the pseudonym each
 * agency knows them by, which is all an agency sees of them unless they reveal themselves with an answer.
 */
@Component(service = Page.class)
public class AccountPage implements Page {

    static final PageInfo INFO = new PageInfo("/account", "identity.account.title", Set.of(Roles.RESIDENT, Roles.OFFICER,
            Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR, Roles.PLATFORM_ADMIN), PageInfo.GROUP_MY, 90);

    private final Directory directory;
    private final EmailVerifications verifications;
    private final SignUps signUps;
    private final PseudonymService pseudonyms;
    private final AccountForms forms;

    @Activate
    public AccountPage(@Reference Directory directory, @Reference EmailVerifications verifications,
            @Reference SignUps signUps, @Reference PseudonymService pseudonyms, @Reference Profiles profiles,
            @Reference Passwords passwords) {
        this.directory = directory;
        this.verifications = verifications;
        this.signUps = signUps;
        this.pseudonyms = pseudonyms;
        this.forms = new AccountForms(profiles, passwords);
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
        String notice = request.parameter("sent").isPresent() ? request.text("identity.account.sent")
                : request.parameter("saved").isPresent() ? request.text("identity.profile.saved") : "";
        return page(request, notice, "", Map.of());
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        UUID own = own(request);
        if ("profile".equals(request.subPath())) {
            Map<String, String> errors = forms.profile(request, own);
            // With a language chosen, the redirect switches this browser to it (the shell remembers ?lang=).
            String language = field(request, "language");
            String switchTo = language.isEmpty() ? "" : "&lang=" + language;
            return Optional.of(errors.isEmpty() ? PageView.redirect("/account?saved" + switchTo)
                    : page(request, "", "", errors).withStatus(400));
        }
        if ("password".equals(request.subPath())) {
            AccountForms.Outcome outcome = forms.password(request, own);
            return Optional.of(outcome.errors().isEmpty() ? PageView.redirect("/password/changed")
                    : page(request, "", "", outcome.errors()).withStatus(outcome.status()));
        }
        if (!"resend".equals(request.subPath()) || !isResident(request)) {
            throw PortalForms.notFound();
        }
        try {
            signUps.resend(own);
        } catch (ProblemException e) {
            String text = switch (e.problem().status()) {
                case 409 -> request.text("identity.account.alreadyVerified");
                case 429 -> request.text("identity.account.tooManyMails", PortalForms.minutes(e));
                case 503 -> request.text("identity.account.noMail");
                default -> throw e;
            };
            return Optional.of(page(request, "", text, Map.of()).withStatus(e.problem().status()));
        }
        return Optional.of(PageView.redirect("/account?sent"));
    }

    private PageView page(PageRequest request, String notice, String error, Map<String, String> errors) {
        UUID id = own(request);
        Account account = directory.account(id).orElseThrow(PortalForms::notFound);
        boolean resident = isResident(request);
        List<Map<String, Object>> agencies = new ArrayList<>();
        if (resident) {
            for (Agency agency : directory.agencies(null)) {
                agencies.add(PageModel.orEmpty("code", agency.code(), "name", agency.name(),
                        "pseudonym", pseudonyms.pseudonym(id, agency.code()).label()));
            }
        }
        boolean profileErrors = !errors.isEmpty() && errors.keySet().stream().noneMatch(AccountForms.PASSWORD_FIELDS::contains);
        Map<String, Object> model = PageModel.orEmpty("email", account.email(), "displayName", account.displayName(),
                "languages", AccountForms.LANGUAGES, "since", PortalForms.iso(account.createdAt()), "resident", resident,
                "verified", resident && verifications.verified(id), "agencies", agencies, "notice", notice, "error", error,
                "errors", errors, "profileErrors", profileErrors,
                // the profile form shows what was typed when it comes back with errors
                "formName", profileErrors ? field(request, "displayName") : account.displayName(),
                "formPhone", profileErrors ? field(request, "phone") : account.phone(),
                "formLanguage", profileErrors ? field(request, "language") : account.language());
        return PageView.of("account", model);
    }

    /** The caller's own account; one known only to an agency's identity provider has no page here. */
    private static UUID own(PageRequest request) {
        return request.caller().filter(c -> c.credential() != Caller.Credential.EXTERNAL_TOKEN)
                .orElseThrow(PortalForms::notFound).account();
    }

    private static boolean isResident(PageRequest request) {
        return request.caller().filter(c -> Roles.RESIDENT.equals(c.role())).isPresent();
    }
}
