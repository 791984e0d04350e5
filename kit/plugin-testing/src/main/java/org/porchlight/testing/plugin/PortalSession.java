package org.porchlight.testing.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser in the web portal of the server under test: it keeps the cookies the portal sets (the
 * session, the CSRF token, the language) and posts a form with the CSRF token of the last page it got,
 * as a browser submits a form of the page it shows. It follows no redirect, so that a test sees the
 * 303 of post/redirect/get and where it leads ({@code Location}).
 *
 * <pre>{@code
 * PortalSession officer = server.browser(Roles.OFFICER);   // signed in through /sign-in
 * officer.get("/acme");                                    // the page with its form
 * PortalClient.Response added = officer.submit("/acme", Map.of("text", "gate code changed"));
 * assertThat(added.header("Location")).hasValue("/acme");
 * }</pre>
 */
public final class PortalSession {

    /** The form field and the cookie of the portal's CSRF token (double submit: both must be equal). */
    public static final String CSRF_FIELD = "csrf";
    /** Where the portal's sign-in form is, and where it sends a person signed in. */
    public static final String SIGN_IN = "/sign-in";
    public static final String SIGNED_IN = "/start";

    // The shell writes the hidden field as <input type="hidden" name="csrf" value="...">; the token is base64url.
    private static final Pattern TOKEN_INPUT = Pattern.compile("<input\\b[^>]*\\bname=\"" + CSRF_FIELD
            + "\"[^>]*\\bvalue=\"([A-Za-z0-9_-]+)\"");

    private final HttpClient client;
    private final String base;
    private String formToken;

    PortalSession(String base) {
        this.base = base;
        // A cookie jar of its own: each session is one browser. Over plain HTTP the portal's cookies are not Secure.
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String base() {
        return base;
    }

    /**
     * Signs in through the portal's sign-in form (its page, then the form with its token), as a person
     * does. Returns the answer: a 303 to {@value #SIGNED_IN} when it worked, the form again (401) when not.
     */
    public PortalClient.Response signIn(String email, String password) {
        get(SIGN_IN);
        return submit(SIGN_IN, Map.of("email", email, "password", password));
    }

    /** GETs a page (HTML) and keeps its form's CSRF token for the next {@link #submit}. */
    public PortalClient.Response get(String path) {
        PortalClient.Response page = send(HttpRequest.newBuilder(uri(path)).GET());
        formToken(page.body()).ifPresent(token -> formToken = token);
        return page;
    }

    /**
     * POSTs a form ({@code application/x-www-form-urlencoded}) with the CSRF token of the last page
     * {@link #get} fetched, as a browser posts a form of the page it shows; the answer's form token is kept too.
     *
     * @throws IllegalStateException if no page with a form was fetched first
     */
    public PortalClient.Response submit(String path, Map<String, String> fields) {
        if (formToken == null) {
            throw new IllegalStateException("no form yet: get(...) the page whose form this posts first");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put(CSRF_FIELD, formToken);
        form.putAll(fields);
        return submitAsIs(path, form);
    }

    /** POSTs exactly these fields, no CSRF token added: for tests that a forged or stale form is refused. */
    public PortalClient.Response submitAsIs(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        PortalClient.Response answer = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        formToken(answer.body()).ifPresent(token -> formToken = token);
        return answer;
    }

    /** The CSRF token of the first form in a page's HTML, if it has one. */
    public static Optional<String> formToken(String html) {
        Matcher m = TOKEN_INPUT.matcher(html == null ? "" : html);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private PortalClient.Response send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            return new PortalClient.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri().getPath(), e);
        }
    }
}
