package org.porchlight.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.SignInBlockedException;
import org.porchlight.api.security.TokenGrants;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

/**
 * The portal's shell, the servlet at {@code /} (the REST API keeps {@code /api}, the web console
 * {@code /system/console}): it establishes who asks (session cookie) and in which language, checks
 * the CSRF token of every POST before anything else, signs in and out, routes every other path to
 * the page a bundle contributed for it, lets in only the roles that page names, and writes the
 * answer inside the layout with the security headers.
 */
@Component(service = Servlet.class, configurationPid = WebConfiguration.PID,
        property = {"osgi.http.whiteboard.servlet.pattern=/", "osgi.http.whiteboard.servlet.name=porchlight-portal",
            // forms with files (footage, witness uploads): spooled to disk above 1 MiB, at most 4 GiB a file
            "osgi.http.whiteboard.servlet.multipart.enabled=true",
            "osgi.http.whiteboard.servlet.multipart.fileSizeThreshold:Integer=1048576",
            "osgi.http.whiteboard.servlet.multipart.maxFileSize:Long=4294967296",
            "osgi.http.whiteboard.servlet.multipart.maxRequestSize:Long=4294967296"})
@Designate(ocd = WebConfiguration.class)
public class ShellServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String SIGN_IN = "/sign-in";
    static final String SIGN_OUT = "/sign-out";
    static final String START = "/start";

    private final transient PortalPages pages = new PortalPages();
    private final transient PageScope scope;
    private final transient TokenGrants grants;
    private final transient ClientAddresses addresses;
    private final transient BrowserSessions sessions;
    private final transient Languages languages;
    private final transient Templates templates;
    private final transient Messages messages;
    private final transient PageWriter writer;
    private final transient SecurityHeaders headers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile AuditLog auditLog;
    private final transient PortalAudit audit = new PortalAudit(() -> auditLog);

    /** The accounts' own language choices, while the identity bundle runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Accounts accounts;

    @Activate
    public ShellServlet(BundleContext context, WebConfiguration config, @Reference TokenGrants grants,
            @Reference ClientAddresses addresses, @Reference PageScope scope) {
        this.scope = scope;
        this.grants = grants;
        this.addresses = addresses;
        this.sessions = new BrowserSessions(grants, Clock.systemUTC());
        this.languages = new Languages(config.defaultLanguage(), Duration.ofDays(config.languageCookieDays()));
        ClassLoader shell = ShellServlet.class.getClassLoader();
        this.messages = new Messages(shell);
        this.templates = new Templates(messages);
        this.writer = new PageWriter(templates, messages, pages, scope, shell, config);
        this.headers = new SecurityHeaders(config.tileServerUrl());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPage(Page page, ServiceReference<Page> reference) {
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        ClassLoader loader = reference.getBundle().adapt(BundleWiring.class).getClassLoader();
        pages.add(new Contribution(page, loader, ranking instanceof Integer i ? i : 0,
                (Long) reference.getProperty(Constants.SERVICE_ID), reference.getBundle().getBundleId()));
    }

    void removePage(Page page, ServiceReference<Page> reference) {
        Contribution gone = pages.remove((Long) reference.getProperty(Constants.SERVICE_ID));
        if (gone != null && !pages.uses(gone.loader())) {
            templates.forget(gone.loader()); // the bundle's last page: let its class loader go
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    /** The signed-in account's own language choice, if it made one and the identity bundle runs. */
    private Optional<Locale> preferredLanguage(Optional<Caller> caller) {
        Accounts known = accounts;
        return caller.isEmpty() || known == null ? Optional.empty() : known.language(caller.get().account());
    }

    private void handle(HttpServletRequest direct, HttpServletResponse response) throws IOException {
        HttpServletRequest request = !direct.isSecure() && addresses.secure(false, direct.getRemoteAddr(),
                ClientAddresses.forwardedProto(Collections.list(direct.getHeaders(ClientAddresses.FORWARDED_PROTO))))
                ? new ForwardedTls(direct) : direct;
        if (ambiguous(request.getRequestURI())) {
            response.sendError(400); // as the web server answers ambiguous paths elsewhere: a problem (jetty-errors)
            return;
        }
        headers.apply(response);
        SecurityHeaders.noStore(response);
        String path = path(request);
        Visit visit = null;
        try {
            Optional<Caller> caller = sessions.caller(request, response);
            Locale locale = languages.choose(request, response, () -> preferredLanguage(caller));
            visit = new Visit(request, response, locale, caller, path,
                    CsrfTokens.token(request, response), clientAddress(request));
            route(visit);
        } catch (RuntimeException e) {
            if (visit == null) {
                visit = new Visit(request, response, Languages.SUPPORTED.get(0), Optional.empty(), path, "", "");
            }
            writer.unexpected(visit, e);
        }
    }

    private void route(Visit visit) throws IOException {
        boolean post = "POST".equals(visit.request().getMethod());
        if (post && (SIGN_IN.equals(visit.path()) || SIGN_OUT.equals(visit.path())) && Uploads.multipart(visit.request())) {
            writer.error(visit, 415); // never read (and spool) a multipart body that no page takes
            return;
        }
        if (post && (SIGN_IN.equals(visit.path()) || SIGN_OUT.equals(visit.path())) && !CsrfTokens.verify(visit.request())) {
            writer.error(visit, 403); // before anything else: nothing of a forged form is done
            return;
        }
        if (post && SIGN_IN.equals(visit.path())) {
            signIn(visit);
            return;
        }
        if (post && SIGN_OUT.equals(visit.path())) {
            sessions.end(visit.request(), visit.response());
            audit.signOut(visit.caller());
            redirect(visit, "/");
            return;
        }
        Optional<Contribution> found = pages.find(visit.path(), c -> scope.shows(c.bundleId(), visit.caller()));
        if (found.isEmpty()) {
            writer.error(visit, 404);
            return;
        }
        Contribution contribution = found.get();
        PageInfo info = contribution.page().info();
        if (!info.allows(visit.role())) {
            if (visit.caller().isEmpty() && !post) {
                redirect(visit, SIGN_IN);
            } else {
                writer.error(visit, 403);
            }
            return;
        }
        PageRequest request = visit.forPage(info.path(), messages, contribution.loader());
        Page page = contribution.page();
        int outcome = 500;
        boolean attempted = false; // a form past its checks, on the record as started: its outcome is recorded too
        try {
            if (post && !admitted(visit, page, request)) {
                return;
            }
            if (post && !CsrfTokens.verify(visit.request())) {
                // after the role check and the body's admission, which read only the session and the headers;
                // before the page sees anything of the form
                writer.error(visit, 403);
                return;
            }
            if (post && !audit.started(visit.caller(), info.path(), request.subPath())) {
                writer.error(visit, 503); // as the API: a change happens only once its attempt is on the record
                return;
            }
            attempted = post;
            Optional<PageView> view = post ? page.submit(request) : Optional.of(page.render(request));
            outcome = view.map(PageView::status).orElse(405);
            if (view.isEmpty()) {
                writer.error(visit, 405);
            } else {
                writer.write(visit, contribution, view.get());
            }
        } catch (ProblemException e) {
            int status = e.problem().status();
            outcome = status;
            writer.error(visit, status >= 400 && status < 500 ? status : 500);
        } finally {
            if (attempted) {
                audit.form(visit.caller(), info.path(), request.subPath(), outcome);
            } else if (!post && page.recordsReads()) {
                audit.read(visit.caller(), info.path(), request.subPath(), outcome);
            }
        }
    }

    /**
     * Whether a POST's body may be read: a multipart form only for a page that takes files for this path
     * and caller ({@link Page#uploadLimit}), with a length within the limit. Otherwise the error page, the
     * body unread.
     */
    private boolean admitted(Visit visit, Page page, PageRequest request) throws IOException {
        if (!Uploads.multipart(visit.request())) {
            return true;
        }
        long limit = page.uploadLimit(request);
        long length = visit.request().getContentLengthLong();
        int refusal = limit <= 0 ? 415 : length < 0 ? 411 : length > limit ? 413 : 0;
        if (refusal != 0) {
            writer.error(visit, refusal);
            return false;
        }
        return true;
    }

    private void signIn(Visit visit) throws IOException {
        String email = visit.request().getParameter("email");
        String password = visit.request().getParameter("password");
        if (email == null || email.isBlank() || password == null || password.isEmpty() || email.length() > 320
                || password.length() > 1024) {
            signInAgain(visit, 400, "signin.missing", email);
            return;
        }
        try {
            TokenGrants.Grant grant = grants.signIn(email.trim(), password, visit.clientAddress());
            sessions.start(visit.request(), visit.response(), grant);
            audit.signIn(Optional.of(grant.caller()), 303);
            redirect(visit, START);
        } catch (SignInBlockedException e) {
            visit.response().setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            audit.signIn(Optional.empty(), 429);
            signInAgain(visit, 429, "signin.blocked", email);
        } catch (AuthenticationException e) {
            audit.signIn(Optional.empty(), 401);
            signInAgain(visit, 401, "signin.failed", email);
        }
    }

    private void signInAgain(Visit visit, int status, String error, String email) throws IOException {
        Visit fresh = new Visit(visit.request(), visit.response(), visit.locale(), visit.caller(), visit.path(),
                CsrfTokens.token(visit.request(), visit.response()), visit.clientAddress());
        writer.writeShell(fresh, status, "sign-in", "signin.title",
                Map.of("error", error, "email", email == null ? "" : email.length() > 320 ? "" : email));
    }

    private static void redirect(Visit visit, String location) {
        visit.response().setStatus(303);
        visit.response().setHeader("Location", location);
    }

    /**
     * Whether a request's path, as sent, could be read two ways: an encoded slash, backslash, dot or
     * NUL, a backslash, a control character, or a {@code .} or {@code ..} segment. Such paths are
     * refused rather than routed, so that what a page's path covers has one spelling.
     */
    static boolean ambiguous(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%00")
                || lower.contains("\\") || lower.chars().anyMatch(Character::isISOControl)) {
            return true;
        }
        for (String segment : lower.split("/", -1)) {
            if (".".equals(segment) || "..".equals(segment)) {
                return true;
            }
        }
        return false;
    }

    /** The path under the portal root, without a trailing slash (except the root itself). */
    static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty()) {
            return "/";
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private String clientAddress(HttpServletRequest request) {
        return addresses.resolve(request.getRemoteAddr(), Collections.list(request.getHeaders(ClientAddresses.FORWARDED_FOR)));
    }
}
