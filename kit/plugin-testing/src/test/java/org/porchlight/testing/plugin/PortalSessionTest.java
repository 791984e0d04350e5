package org.porchlight.testing.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The portal browser against a tiny portal that checks the CSRF token the way the shell does (cookie equals field). */
class PortalSessionTest {

    private static final String TOKEN = "t0ken_-A";
    private static final String SIGNED_IN_TOKEN = "rotated-at-sign-in";

    private HttpServer portal;
    private PortalSession session;

    @BeforeEach
    void start() throws IOException {
        portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        portal.createContext("/sign-in", this::signIn);
        portal.createContext("/notes", this::notes);
        portal.start();
        session = new PortalSession("http://127.0.0.1:" + portal.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        portal.stop(0);
    }

    @Test
    void signingInKeepsTheSessionCookieAndTheFormsTakeTheTokenOfThePageTheyCameFrom() {
        PortalClient.Response signedIn = session.signIn("officer@example.org", "secret");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).hasValue(PortalSession.SIGNED_IN);

        assertThat(session.get("/notes").body()).contains("signed in");
        PortalClient.Response posted = session.submit("/notes", Map.of("text", "gate code & more"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(303);
        assertThat(posted.header("Location")).hasValue("/notes");
    }

    @Test
    void aFormWithoutTheTokenIsRefusedAndNoFormCannotBeSubmitted() {
        session.signIn("officer@example.org", "secret");
        assertThatThrownBy(() -> new PortalSession(session.base()).submit("/notes", Map.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(session.submitAsIs("/notes", Map.of("text", "forged")).status()).isEqualTo(403);
    }

    @Test
    void theTokenIsReadFromTheHiddenInputOfTheFirstForm() {
        String html = "<form method=\"post\"><input type=\"hidden\" name=\"csrf\" value=\"abc-_9\"><input name=\"text\"></form>";
        assertThat(PortalSession.formToken(html)).hasValue("abc-_9");
        assertThat(PortalSession.formToken("<p>no form</p>")).isEmpty();
    }

    private void signIn(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Set-Cookie", "pl_csrf=" + TOKEN + "; Path=/; HttpOnly; SameSite=Lax");
            answer(exchange, 200, "<form method=\"post\" action=\"/sign-in\"><input type=\"hidden\" name=\"csrf\" value=\""
                    + TOKEN + "\"></form>");
            return;
        }
        if (!tokenMatches(exchange, form(exchange))) {
            answer(exchange, 403, "forbidden");
            return;
        }
        // the shell replaces the token at sign-in, as here
        exchange.getResponseHeaders().add("Set-Cookie", "pl_session=s1; Path=/; HttpOnly; SameSite=Lax");
        exchange.getResponseHeaders().add("Set-Cookie", "pl_csrf=" + SIGNED_IN_TOKEN + "; Path=/; HttpOnly; SameSite=Lax");
        exchange.getResponseHeaders().add("Location", "/start");
        answer(exchange, 303, "");
    }

    private void notes(HttpExchange exchange) throws IOException {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies == null || !cookies.contains("pl_session=s1")) {
            answer(exchange, 401, "not signed in");
        } else if ("GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 200, "<p>signed in</p><form method=\"post\" action=\"/notes\">"
                    + "<input type=\"hidden\" name=\"csrf\" value=\"" + SIGNED_IN_TOKEN + "\"><input name=\"text\"></form>");
        } else {
            Map<String, String> form = form(exchange);
            boolean ok = tokenMatches(exchange, form) && "gate code & more".equals(form.get("text"));
            exchange.getResponseHeaders().add("Location", "/notes");
            answer(exchange, ok ? 303 : 403, "");
        }
    }

    private static boolean tokenMatches(HttpExchange exchange, Map<String, String> form) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        String field = form.get(PortalSession.CSRF_FIELD);
        return cookies != null && field != null && cookies.contains("pl_csrf=" + field);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
