package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.inject.Inject;

import org.junit.Before;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

/** What the account tests share: a client address of their own behind the trusted proxy, JSON calls, problem checks, forms. */
public abstract class AccountTestSupport extends PorchlightTestSupport {

    protected static final String NEW_PASSWORD = "a brand new lifecycle passphrase";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    protected ConfigurationAdmin configAdmin;

    protected final String run = UUID.randomUUID().toString().substring(0, 8);
    /** This run's client address, behind the trusted proxy: throttle counts of earlier runs do not reach it. */
    protected final String client = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current()
            .nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);

    @Before
    public void trustLoopbackAsProxy() throws Exception {
        Configuration rest = configAdmin.getConfiguration("org.porchlight.rest", "?");
        Dictionary<String, Object> settings = rest.getProperties() == null ? new Hashtable<>() : rest.getProperties();
        if (!"127.0.0.1".equals(settings.get("trustedProxies") instanceof String[] s && s.length == 1 ? s[0] : null)) {
            settings.put("trustedProxies", new String[] {"127.0.0.1"});
            rest.update(settings);
            service(ClientAddresses.class, "(trustedProxies=127.0.0.1)");
        }
        http.await("/api/auth/jwks.json", r -> r.status() == 200, SWAP_TIMEOUT);
    }

    protected String email(String who) {
        return who + "-" + run + "@lifecycle.example";
    }

    protected Http.Response json(String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "X-Forwarded-For";
        all[headers.length + 1] = client;
        return http.send(method, path, "application/json", body, all);
    }

    protected static void assertProblem(int status, Http.Response r) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.toString(), r.header("Content-Type").orElse("").startsWith(PROBLEM));
        assertFalse(r.body(), r.body().contains("Exception") || r.body().contains("\tat "));
    }

    protected static void assertProblem(int status, String type, Http.Response r) {
        assertProblem(status, r);
        assertEquals(r.body(), "urn:porchlight:problem:" + type, r.json().path("type").asText());
    }

    protected static void assertField(String field, Http.Response r) {
        assertProblem(400, r);
        List<String> fields = new java.util.ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(field + " in " + r.body(), fields.stream().anyMatch(f -> f.equals(field) || f.endsWith("." + field)));
    }

    protected Http.Response tokenGrant(String email, String password) {
        return http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password", password));
    }

    /** Posts a portal form with the CSRF token of the page at {@code formPath}, from this run's client address. */
    protected Http.Response post(PortalSession session, String formPath, String action, Map<String, String> fields) {
        Http.Response form = page(session, formPath);
        assertPortalPage(200, form);
        Map<String, String> withToken = new HashMap<>(fields);
        withToken.put("csrf", formToken(form));
        return submit(session, action, withToken, "X-Forwarded-For", client);
    }

    protected static void assertRedirect(String location, Http.Response r) {
        assertEquals(r.toString(), 303, r.status());
        assertEquals(location, r.header("Location").orElse(""));
    }

    protected String agency(String prefix) {
        String code = prefix + run.substring(0, 6).toUpperCase();
        Http.Response created = http.postJson("/api/agencies", IdentityIT.agency(code), asAdmin());
        assertEquals(created.body(), 201, created.status());
        return code;
    }

    /** The reset code in the latest mail to {@code email}, or null if its mails hold none. */
}
