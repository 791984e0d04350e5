package org.porchlight.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's portal cookies, as far as tests over plain HTTP need them: the CSRF token, the
 * session and the language. {@link PorchlightTestSupport#page} and {@link PorchlightTestSupport#submit}
 * send them and keep what the answers set or clear.
 */
public final class PortalSession {

    private static final Pattern TOKEN_FIELD = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    public String csrf;
    public String session;
    public String lang;

    /** {@code more} with the cookie header added. */
    public String[] headers(String... more) {
        StringBuilder cookie = new StringBuilder();
        if (csrf != null) {
            cookie.append("pl_csrf=").append(csrf).append("; ");
        }
        if (session != null) {
            cookie.append("pl_session=").append(session).append("; ");
        }
        if (lang != null) {
            cookie.append("pl_lang=").append(lang).append("; ");
        }
        String[] headers = new String[more.length + (cookie.length() > 0 ? 2 : 0)];
        System.arraycopy(more, 0, headers, 0, more.length);
        if (cookie.length() > 0) {
            headers[more.length] = "Cookie";
            headers[more.length + 1] = cookie.toString();
        }
        return headers;
    }

    /** Takes the cookies an answer sets or clears. */
    public Http.Response keep(Http.Response r) {
        for (String set : r.headers().allValues("Set-Cookie")) {
            String value = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
            if (set.startsWith("pl_csrf=")) {
                csrf = value.isEmpty() ? null : value;
            } else if (set.startsWith("pl_session=")) {
                session = value.isEmpty() ? null : value;
            } else if (set.startsWith("pl_lang=")) {
                lang = value;
            }
        }
        return r;
    }

    /** The CSRF token of the page's first form. */
    public static String formToken(Http.Response page) {
        Matcher m = TOKEN_FIELD.matcher(page.body());
        assertTrue("the page has a form with the CSRF token: " + page.body(), m.find());
        return m.group(1);
    }

    /** A portal page with {@code status}, its security headers, and nothing of an exception in it. */
    public static void assertPortalPage(int status, Http.Response r) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.toString(), r.header("Content-Type").orElse("").startsWith("text/html"));
        String csp = r.header("Content-Security-Policy").orElse("");
        assertTrue(csp, csp.startsWith("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assertFalse(csp, csp.contains("unsafe-inline"));
        assertEquals("nosniff", r.header("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", r.header("Referrer-Policy").orElse(""));
        assertEquals("no-store", r.header("Cache-Control").orElse(""));
        // nothing of a stack trace or a template error (a page may well name the org.freemarker bundle)
        assertFalse(r.body(), r.body().contains("Exception") || r.body().contains("\tat ")
                || r.body().contains("freemarker.core") || r.body().contains("FreeMarker template error"));
    }
}
