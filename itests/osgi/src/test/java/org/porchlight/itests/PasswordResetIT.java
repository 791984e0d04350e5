package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.porchlight.api.mail.Mailer;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.MailSettings;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

/**
 * A forgotten password over real HTTP and a real mail server (GreenMail and the mail-smtp bundle, issue 19):
 * answered alike for known and unknown addresses, the code single-use, expiring and throttled, through the
 * API and the portal's forms; bad input gets problems naming what is wrong.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PasswordResetIT extends AccountTestSupport {

    private static final Pattern RESET_TOKEN = Pattern.compile("plp_[A-Za-z0-9_-]{43}");

    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(), CoreOptions.mavenBundle("com.icegreen", "greenmail", "2.1.13"));
    }

    @Test
    public void aForgottenPasswordIsResetOnceWithTheCodeMailedThroughARealMailServer() throws Exception {
        int port = Distribution.freePort();
        GreenMail smtp = MailSettings.startSmtp(port);
        Configuration mail = configAdmin.getConfiguration("org.porchlight.mail.smtp", "?");
        try {
            mail.update(MailSettings.smtp(port));
            service(Mailer.class, null);
            String email = email("forgot");
            residentSession(email);
            JsonNode before = signIn(email, PEOPLE_PASSWORD);
            assertTrue("the verification mail", smtp.waitForIncomingEmail(20_000, 1));
            smtp.purgeEmailFromAllMailboxes();

            for (String bad : List.of("{}", "{\"email\":\"\"}", "{\"email\":\"not an address\"}",
                    "{\"email\":\"" + "a".repeat(320) + "@x.example\"}", "[1, 2]", "not json at all")) {
                assertProblem(400, json("POST", "/api/auth/password-reset", bad));
            }
            assertEquals("bad requests mail nothing", 0, smtp.getReceivedMessages().length);

            Http.Response known = json("POST", "/api/auth/password-reset", "{\"email\":\"" + email.toUpperCase() + "\"}");
            Http.Response unknown = json("POST", "/api/auth/password-reset", "{\"email\":\"" + email("nobody") + "\"}");
            assertEquals(known.toString(), 202, known.status());
            assertEquals("no enumeration: the same status", known.status(), unknown.status());
            assertEquals("no enumeration: the same body", known.body(), unknown.body());
            assertTrue("one mail to each address", smtp.waitForIncomingEmail(20_000, 2));
            String token = tokenMailedTo(smtp, email);
            assertEquals("no link for an address without an account", null, tokenMailedTo(smtp, email("nobody")));
            assertEquals("only a hash is stored", 0, rows("SELECT COUNT(*) FROM identity.password_reset WHERE token_hash = '"
                    + token + "'"));

            String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertProblem(400, json("POST", "/api/auth/password-reset/confirm", "{}"));
            assertProblem(400, json("POST", "/api/auth/password-reset/confirm", "{\"token\":\"\",\"password\":\"x\"}"));
            assertProblem(400, "invalid-reset-link", json("POST", "/api/auth/password-reset/confirm",
                    "{\"token\":\"" + altered + "\",\"password\":\"" + NEW_PASSWORD + "\"}"));
            assertField("password", json("POST", "/api/auth/password-reset/confirm", "{\"token\":\"" + token
                    + "\",\"password\":\"password1234\"}"));
            assertEquals("a refused password leaves the old one", 200, tokenGrant(email, PEOPLE_PASSWORD).status());

            Http.Response reset = json("POST", "/api/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\""
                    + NEW_PASSWORD + "\"}");
            assertEquals(reset.toString(), 204, reset.status());
            assertEquals("the old sign-in's access token", 401, http.get("/api/me",
                    bearer(before.path("access_token").asText())).status());
            assertEquals("and its refresh token", 401, http.postForm("/api/auth/token", Map.of("grant_type", "refresh_token",
                    "refresh_token", before.path("refresh_token").asText())).status());
            assertEquals(401, tokenGrant(email, PEOPLE_PASSWORD).status());
            assertEquals(200, http.get("/api/me", bearer(signIn(email, NEW_PASSWORD).path("access_token").asText())).status());
            assertProblem(400, "invalid-reset-link", json("POST", "/api/auth/password-reset/confirm", "{\"token\":\"" + token
                    + "\",\"password\":\"yet another long passphrase\"}"));
            assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'POST /auth/password-reset/confirm' "
                    + "AND outcome = '204'") >= 1);

            // An expired link.
            smtp.purgeEmailFromAllMailboxes();
            assertEquals(202, json("POST", "/api/auth/password-reset", "{\"email\":\"" + email + "\"}").status());
            assertTrue(smtp.waitForIncomingEmail(20_000, 1));
            String late = tokenMailedTo(smtp, email);
            try (java.sql.Connection c = primaryDataSource().getConnection(); var s = c.prepareStatement(
                    "UPDATE identity.password_reset SET expires_at = ? WHERE account_id = (SELECT id FROM identity.account "
                            + "WHERE email = ?)")) {
                s.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)));
                s.setString(2, email);
                assertEquals(1, s.executeUpdate());
            }
            assertProblem(400, "invalid-reset-link", json("POST", "/api/auth/password-reset/confirm", "{\"token\":\"" + late
                    + "\",\"password\":\"" + NEW_PASSWORD + " too\"}"));

            // The portal's forms, from the sign-in page's link.
            smtp.purgeEmailFromAllMailboxes();
            PortalSession visitor = new PortalSession();
            assertTrue(page(visitor, "/sign-in").body().contains("href=\"/password\""));
            Http.Response badEmail = post(visitor, "/password", "/password", Map.of("email", "nobody at all"));
            assertPortalPage(400, badEmail);
            assertTrue(badEmail.body(), badEmail.body().contains("id=\"email-error\""));
            assertRedirect("/password/sent", post(visitor, "/password", "/password", Map.of("email", email)));
            assertPortalPage(200, page(visitor, "/password/sent"));
            assertTrue(smtp.waitForIncomingEmail(20_000, 1));
            String portalToken = tokenMailedTo(smtp, email);
            Http.Response opened = page(visitor, "/password/reset?token=" + portalToken);
            assertPortalPage(200, opened);
            assertTrue("opening the link uses nothing up", opened.body().contains("value=\"" + portalToken + "\""));
            Http.Response weak = post(visitor, "/password/reset?token=" + portalToken, "/password/reset",
                    Map.of("token", portalToken, "password", "password1234"));
            assertPortalPage(400, weak);
            assertTrue(weak.body(), weak.body().contains("id=\"password-error\"") && weak.body().contains("too easy to guess"));
            assertRedirect("/password/done", post(visitor, "/password/reset", "/password/reset",
                    Map.of("token", portalToken, "password", PEOPLE_PASSWORD + " again")));
            assertPortalPage(200, page(visitor, "/password/done"));
            Http.Response used = post(visitor, "/password/reset", "/password/reset",
                    Map.of("token", portalToken, "password", NEW_PASSWORD));
            assertPortalPage(400, used);
            assertTrue(used.body(), used.body().contains("id=\"token-error\""));
            assertEquals(200, tokenGrant(email, PEOPLE_PASSWORD + " again").status());

            // Four requests so far from this address, known and unknown alike: the fifth passes, the sixth waits.
            assertEquals(202, json("POST", "/api/auth/password-reset", "{\"email\":\"" + email("other") + "\"}").status());
            Http.Response throttled = json("POST", "/api/auth/password-reset", "{\"email\":\"" + email + "\"}");
            assertProblem(429, "too-many-attempts", throttled);
            assertTrue(throttled.header("Retry-After").isPresent());
        } finally {
            mail.delete();
            smtp.stop();
        }
    }

    private static String tokenMailedTo(GreenMail smtp, String email) throws Exception {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = received.length - 1; i >= 0; i--) {
            if (email.equalsIgnoreCase(received[i].getAllRecipients()[0].toString())) {
                Matcher token = RESET_TOKEN.matcher(GreenMailUtil.getBody(received[i]));
                return token.find() ? token.group() : null;
            }
        }
        throw new AssertionError("no mail to " + email);
    }
}
