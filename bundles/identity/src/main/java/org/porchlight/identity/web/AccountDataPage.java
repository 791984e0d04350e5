package org.porchlight.identity.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.Download;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.personal.ResidentData;
import org.porchlight.identity.personal.ResidentDataWorkflow;

/**
 * A resident's data and the end of their account: the JSON export of everything held about them
 * ({@code GET /account/data/export}, as {@code GET /api/account/export}) and the deletion of the
 * account, confirmed with the password ({@code POST /account/data}, as {@code DELETE /api/account}).
 */
@Component(service = Page.class)
public class AccountDataPage implements Page {

    static final PageInfo INFO = new PageInfo("/account/data", "identity.data.title", Set.of(Roles.RESIDENT), null, 91);

    private final ResidentData data;
    private final JsonCodec json;

    @Activate
    public AccountDataPage(@Reference ResidentData data, @Reference JsonCodec json) {
        this.data = data;
        this.json = json;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public boolean recordsReads() {
        return true; // the export is the resident's personal data: each download is in the audit log
    }

    @Override
    public PageView render(PageRequest request) {
        if ("export".equals(request.subPath())) {
            byte[] body = json.write(data.export(caller(request))).getBytes(StandardCharsets.UTF_8);
            return PageView.download(new Download("porchlight-my-data.json", "application/json", body.length,
                    out -> out.write(body)));
        }
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        caller(request);
        return page("", 200);
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        String password = request.parameter("password").orElse("");
        if (password.isBlank() || password.length() > 1024) {
            return Optional.of(page(request.text("identity.data.passwordMissing"), 400));
        }
        try {
            data.delete(caller(request), password, request.clientAddress());
        } catch (ProblemException e) {
            return Optional.of(page(refusal(request, e), e.problem().status()));
        }
        // The account and its sign-ins are gone: the next request finds the session cookie invalid and forgets it.
        return Optional.of(PageView.redirect(AccountDeletedPage.INFO.path()));
    }

    /** The refusal in the reader's language: only the names of sections and modules come from the problem. */
    static String refusal(PageRequest request, ProblemException e) {
        if (e instanceof ResidentDataWorkflow.SectionsProblem sections) {
            String key = sections.problem().type().equals(ResidentDataWorkflow.INCOMPLETE.uri()) ? "identity.data.incomplete"
                    : "identity.data.unavailable";
            return request.text(key, String.join(", ", sections.names()));
        }
        return switch (e.problem().status()) {
            case 403 -> request.text("identity.data.wrongPassword");
            case 429 -> request.text("identity.data.tooManyTries", PortalForms.minutes(e));
            default -> throw e;
        };
    }

    private static PageView page(String error, int status) {
        return PageView.of("account-data", PageModel.orEmpty("error", error)).withStatus(status);
    }

    private static Caller caller(PageRequest request) {
        return request.caller().orElseThrow(PortalForms::notFound);
    }
}
