package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;

import java.util.Map;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Account lifecycle over real HTTP (issue 19): a password change for each kind of account that ends every
 * sign-in; the profile with its language used by the portal; an agency admin's staff lifecycle (enable
 * again, a new invitation, last sign-in), never across agencies. Bad input gets problems naming what is wrong.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountLifecycleIT extends AccountTestSupport {

    @Test
    public void aPasswordChangeNeedsTheCurrentOneAndEndsEverySignInForEveryKindOfAccount() throws Exception {
        String[] admin = asAdmin();
        String resident = email("changer");
        residentSession(resident);
        JsonNode session = signIn(resident, PEOPLE_PASSWORD);
        String[] token = bearer(session.path("access_token").asText());
        assertProblem(400, json("POST", "/api/me/password", "{}", token));
        assertField("newPassword", json("POST", "/api/me/password", "{\"currentPassword\":\"" + PEOPLE_PASSWORD + "\"}", token));
        assertProblem(400, "wrong-current-password", json("POST", "/api/me/password",
                "{\"currentPassword\":\"not my passphrase\",\"newPassword\":\"" + NEW_PASSWORD + "\"}", token));
        assertField("newPassword", json("POST", "/api/me/password", "{\"currentPassword\":\"" + PEOPLE_PASSWORD
                + "\",\"newPassword\":\"" + PEOPLE_PASSWORD + "\"}", token));
        assertField("newPassword", json("POST", "/api/me/password", "{\"currentPassword\":\"" + PEOPLE_PASSWORD
                + "\",\"newPassword\":\"password1234\"}", token));
        assertEquals("refusals change nothing", 200, http.get("/api/me", token).status());
        assertEquals(401, json("POST", "/api/me/password", "{\"currentPassword\":\"a\",\"newPassword\":\"b\"}").status());

        assertEquals(204, json("POST", "/api/me/password", "{\"currentPassword\":\"" + PEOPLE_PASSWORD + "\",\"newPassword\":\""
                + NEW_PASSWORD + "\"}", token).status());
        assertEquals("this sign-in ends too", 401, http.get("/api/me", token).status());
        assertEquals(401, http.postForm("/api/auth/token", Map.of("grant_type", "refresh_token", "refresh_token",
                session.path("refresh_token").asText())).status());
        assertEquals(200, tokenGrant(resident, NEW_PASSWORD).status());
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'POST /me/password' AND outcome = '204'") >= 1);

        String vendor = vendorAccount(admin);
        assertEquals(204, json("POST", "/api/me/password", "{\"currentPassword\":\"" + PEOPLE_PASSWORD + "\",\"newPassword\":\""
                + NEW_PASSWORD + "\"}", bearer(signIn(vendor, PEOPLE_PASSWORD).path("access_token").asText())).status());
        assertEquals(200, tokenGrant(vendor, NEW_PASSWORD).status());

        // The platform admin, and back, so that the other tests still sign in.
        assertEquals(204, json("POST", "/api/me/password", "{\"currentPassword\":\"" + ADMIN_PASSWORD + "\",\"newPassword\":\""
                + NEW_PASSWORD + "\"}", admin).status());
        try {
            assertEquals(401, http.get("/api/me", admin).status());
        } finally {
            assertEquals(204, json("POST", "/api/me/password", "{\"currentPassword\":\"" + NEW_PASSWORD + "\",\"newPassword\":\""
                    + ADMIN_PASSWORD + "\"}", bearer(signIn(ADMIN_EMAIL, NEW_PASSWORD).path("access_token").asText())).status());
        }

        // Staff, through the portal's account page.
        String code = agency("PC");
        String officer = email("officer");
        staffSession(code, officer, "OFFICER", asAdmin());
        PortalSession browser = signedIn(officer, PEOPLE_PASSWORD);
        Http.Response wrong = post(browser, "/account", "/account/password", Map.of("currentPassword", "not my passphrase",
                "newPassword", NEW_PASSWORD));
        assertPortalPage(400, wrong);
        assertTrue(wrong.body(), wrong.body().contains("id=\"currentPassword-error\""));
        Http.Response missing = post(browser, "/account", "/account/password", Map.of("currentPassword", "", "newPassword", ""));
        assertPortalPage(400, missing);
        assertTrue(missing.body(), missing.body().contains("id=\"currentPassword-error\"")
                && missing.body().contains("id=\"newPassword-error\""));
        assertRedirect("/password/changed", post(browser, "/account", "/account/password", Map.of("currentPassword",
                PEOPLE_PASSWORD, "newPassword", NEW_PASSWORD)));
        assertPortalPage(200, page(browser, "/password/changed"));
        assertEquals("signed out", "/sign-in", page(browser, "/account").header("Location").orElse(""));
        assertPortalPage(200, page(signedIn(officer, NEW_PASSWORD), "/account"));
    }

    @Test
    public void theProfileIsEditedWithEveryBadFieldNamedAndThePortalSpeaksItsLanguage() {
        String resident = email("profile");
        String[] token = residentSession(resident);
        assertProblem(400, json("PUT", "/api/me", "{}", token));
        assertField("displayName", json("PUT", "/api/me", "{\"displayName\":\"" + "x".repeat(201) + "\"}", token));
        Http.Response bad = json("PUT", "/api/me", "{\"displayName\":\"Pat\",\"phone\":\"call me maybe\",\"language\":\"fr\"}",
                token);
        assertField("phone", bad);
        assertField("language", bad);
        assertEquals("R", http.get("/api/me", token).json().path("displayName").asText());

        Http.Response saved = json("PUT", "/api/me",
                "{\"displayName\":\"Pat Q\",\"phone\":\"+1 816 555 0100\",\"language\":\"es\"}", token);
        assertEquals(saved.toString(), 200, saved.status());
        JsonNode me = http.get("/api/me", token).json();
        assertEquals("Pat Q", me.path("displayName").asText());
        assertEquals("+1 816 555 0100", me.path("phone").asText());
        assertEquals("es", me.path("language").asText());

        PortalSession browser = signedIn(resident, PEOPLE_PASSWORD);
        Http.Response spanish = page(browser, "/account", "Accept-Language", "en");
        assertPortalPage(200, spanish);
        assertTrue("the account's language over the browser's", spanish.body().contains("<html lang=\"es\">"));
        assertTrue(spanish.body(), spanish.body().contains("value=\"+1 816 555 0100\""));

        Http.Response wrongPhone = post(browser, "/account", "/account/profile",
                Map.of("displayName", "Pat Q", "phone", "call me", "language", "es"));
        assertPortalPage(400, wrongPhone);
        assertTrue(wrongPhone.body(), wrongPhone.body().contains("id=\"phone-error\"")
                && wrongPhone.body().contains("value=\"call me\""));
        assertRedirect("/account?saved&lang=en", post(browser, "/account", "/account/profile", Map.of("displayName", "Pat",
                "phone", "", "language", "en")));
        Http.Response english = page(browser, "/account?saved&lang=en", "Accept-Language", "es");
        assertTrue(english.body(), english.body().contains("<html lang=\"en\">")
                && english.body().contains("Your profile is saved."));
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'PUT /me' AND outcome = '200'") >= 1);

        String officer = email("profile-officer");
        staffSession(agency("PP"), officer, "OFFICER", asAdmin());
        Http.Response staffAccount = page(signedIn(officer, PEOPLE_PASSWORD), "/account");
        assertPortalPage(200, staffAccount);
        assertTrue(staffAccount.body().contains("action=\"/account/profile\"")
                && staffAccount.body().contains("action=\"/account/password\""));
        assertFalse("pseudonyms are a resident's", staffAccount.body().contains("How agencies see you"));
    }

    @Test
    public void anAgencyAdminEnablesStaffAgainAndIssuesNewInvitationsInTheirOwnAgencyOnly() {
        String[] platform = asAdmin();
        String own = agency("SL");
        String other = agency("SX");
        String[] admin = staffSession(own, email("admin"), "AGENCY_ADMIN", platform);
        String[] otherAdmin = staffSession(other, email("other-admin"), "AGENCY_ADMIN", platform);
        String officerEmail = email("lifecycle-officer");
        String[] officer = staffSession(own, officerEmail, "OFFICER", admin);
        UUID officerId = UUID.fromString(http.get("/api/me", officer).json().path("id").asText());
        JsonNode listed = staffEntry(own, officerId, admin);
        assertFalse("the last sign-in is shown: " + listed, listed.path("lastSignInAt").isNull()
                || listed.path("lastSignInAt").asText().isEmpty());

        String staffPath = "/api/agencies/" + own + "/staff/" + officerId;
        assertProblem(409, "not-disabled", json("POST", staffPath + "/enable", null, admin));
        assertEquals(204, http.send("DELETE", staffPath, null, null, admin).status());
        assertEquals(401, http.get("/api/me", officer).status());
        assertEquals("another agency's admin, on the officer's agency", 404, json("POST", staffPath + "/enable", null,
                otherAdmin).status());
        assertEquals("another agency's admin, on their own", 404, json("POST", "/api/agencies/" + other + "/staff/" + officerId
                + "/enable", null, otherAdmin).status());
        assertEquals(404, json("POST", "/api/agencies/" + own + "/staff/" + UUID.randomUUID() + "/enable", null, admin).status());
        assertEquals("a resident", 403, json("POST", staffPath + "/enable", null, residentSession(email("nosy"))).status());
        assertEquals(204, json("POST", staffPath + "/enable", null, admin).status());
        assertEquals("signs in again with the password", 200, tokenGrant(officerEmail, PEOPLE_PASSWORD).status());
        assertEquals("ACTIVE", staffEntry(own, officerId, admin).path("status").asText());

        Http.Response invited = http.postJson("/api/agencies/" + own + "/staff", "{\"email\":\"" + email("pending")
                + "\",\"displayName\":\"Pending\",\"role\":\"PIO\"}", admin);
        assertEquals(201, invited.status());
        String pendingPath = "/api/agencies/" + own + "/staff/" + invited.json().path("account").path("id").asText();
        assertEquals(404, json("POST", pendingPath + "/invitation", null, otherAdmin).status());
        Http.Response reissued = json("POST", pendingPath + "/invitation", null, admin);
        assertEquals(reissued.toString(), 200, reissued.status());
        String first = invited.json().path("activationToken").asText();
        String second = reissued.json().path("activationToken").asText();
        assertNotEquals(first, second);
        assertProblem(400, http.postJson("/api/accounts/activate",
                "{\"token\":\"" + first + "\",\"password\":\"" + PEOPLE_PASSWORD + "\"}"));
        assertEquals(200, http.postJson("/api/accounts/activate", "{\"token\":\"" + second + "\",\"password\":\""
                + PEOPLE_PASSWORD + "\"}").status());
        assertProblem(409, "not-pending", json("POST", pendingPath + "/invitation", null, admin));
        assertProblem(409, "not-pending", json("POST", staffPath + "/invitation", null, admin));
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'POST /agencies/{agency}/staff/{id}/enable' "
                + "AND outcome = '204'") >= 1);
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'POST /agencies/{agency}/staff/{id}/invitation' "
                + "AND outcome = '200'") >= 1);

        // The same through the staff page.
        PortalSession browser = signedIn(email("admin"), PEOPLE_PASSWORD);
        Http.Response list = page(browser, "/agency/staff");
        assertPortalPage(200, list);
        assertTrue(list.body(), list.body().contains("Last sign-in"));
        assertRedirect("/agency/staff?disabled", post(browser, "/agency/staff", "/agency/staff/" + officerId + "/disable",
                Map.of()));
        Http.Response disabled = page(browser, "/agency/staff");
        assertTrue(disabled.body(), disabled.body().contains("action=\"/agency/staff/" + officerId + "/enable\""));
        assertRedirect("/agency/staff?enabled", post(browser, "/agency/staff", "/agency/staff/" + officerId + "/enable",
                Map.of()));
        assertPortalPage(409, post(browser, "/agency/staff", "/agency/staff/" + officerId + "/enable", Map.of()));
        Http.Response again = http.postJson("/api/agencies/" + own + "/staff", "{\"email\":\"" + email("pending2")
                + "\",\"displayName\":\"Later\",\"role\":\"OFFICER\"}", admin);
        String pendingId = again.json().path("account").path("id").asText();
        Http.Response shown = post(browser, "/agency/staff", "/agency/staff/" + pendingId + "/invitation", Map.of());
        assertPortalPage(200, shown);
        assertTrue(shown.body(), shown.body().contains("id=\"activation-token\"") && shown.body().contains("pla_"));
        String otherOfficer = http.get("/api/me", staffSession(other, email("other-officer"), "OFFICER", otherAdmin)).json()
                .path("id").asText();
        assertPortalPage(404, post(browser, "/agency/staff", "/agency/staff/" + otherOfficer + "/enable", Map.of()));
        assertPortalPage(404, post(browser, "/agency/staff", "/agency/staff/" + otherOfficer + "/invitation", Map.of()));
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.form /agency/staff' AND outcome = '303'") >= 1);
    }

    private JsonNode staffEntry(String agency, UUID id, String[] admin) {
        for (JsonNode entry : http.get("/api/agencies/" + agency + "/staff", admin).json()) {
            if (entry.path("id").asText().equals(id.toString())) {
                return entry;
            }
        }
        throw new AssertionError("not in the staff list: " + id);
    }
}
