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
import org.porchlight.identity.Passwords;

/**
 * A forgotten password, for anyone: {@code /password} asks for the address and answers the same for
 * any address ({@code /password/sent}), as {@code POST /api/auth/password-reset}; the mail's link opens
 * {@code /password/reset?token=...}, where a button (not the opening of the link, which mail scanners
 * do) uses the single-use token to set the new password. {@code /password/done} and
 * {@code /password/changed} say to sign in again.
 */
@Component(service = Page.class)
public class PasswordPage implements Page {

    static final PageInfo INFO = new PageInfo("/password", "identity.forgot.title", Set.of(PageInfo.PUBLIC), null, 0);

    private final Passwords passwords;

    @Activate
    public PasswordPage(@Reference Passwords passwords) {
        this.passwords = passwords;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        return switch (request.subPath()) {
            case "" -> forgot("", Map.of());
            case "sent" -> PageView.of("password-sent", PageModel.orEmpty("minutes", passwords.linkMinutes()));
            case "reset" -> {
                String token = field(request, "token");
                yield reset(token.length() > 200 ? "" : token, Map.of());
            }
            case "done", "changed" -> PageView.of("password-done", PageModel.orEmpty("changed",
                    "changed".equals(request.subPath())));
            default -> throw PortalForms.notFound();
        };
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        return switch (request.subPath()) {
            case "" -> Optional.of(request(request));
            case "reset" -> Optional.of(reset(request));
            default -> throw PortalForms.notFound();
        };
    }

    private PageView request(PageRequest request) {
        String email = field(request, "email");
        if (!PortalForms.isEmail(email)) {
            return forgot(email, Map.of("email", request.text("identity.email.invalid"))).withStatus(400);
        }
        try {
            passwords.request(request.clientAddress(), email);
        } catch (ProblemException e) {
            String text = switch (e.problem().status()) {
                case 429 -> request.text("identity.forgot.tooMany", PortalForms.minutes(e));
                case 503 -> request.text("identity.forgot.noMail");
                default -> throw e;
            };
            return forgot(email, Map.of("form", text)).withStatus(e.problem().status());
        }
        return PageView.redirect("/password/sent");
    }

    private PageView reset(PageRequest request) {
        String token = field(request, "token");
        String password = request.parameter("password").orElse("");
        Map<String, String> errors = new LinkedHashMap<>();
        if (token.isEmpty() || token.length() > 200) {
            errors.put("token", request.text("identity.reset.tokenMissing"));
        }
        if (password.isEmpty() || password.length() > 1024) {
            errors.put("password",
                    request.text(password.isEmpty() ? "identity.password.missing" : "identity.password.long", 128));
        }
        if (errors.isEmpty()) {
            try {
                passwords.reset(token, password);
                return PageView.redirect("/password/done");
            } catch (ProblemException e) {
                if (Passwords.INVALID_LINK.uri().equals(e.problem().type())) {
                    errors.put("token", request.text("identity.reset.invalid"));
                } else if (PortalForms.field(e).filter("password"::equals).isPresent()) {
                    errors.put("password", PortalForms.passwordProblem(request, e));
                } else {
                    throw e;
                }
            }
        }
        return reset(errors.containsKey("token") ? "" : token, errors).withStatus(400);
    }

    private static PageView forgot(String email, Map<String, String> errors) {
        return PageView.of("password-forgot", PageModel.orEmpty("email", email, "errors", errors));
    }

    private static PageView reset(String token, Map<String, String> errors) {
        return PageView.of("password-reset", PageModel.orEmpty("token", token, "errors", errors));
    }
}
