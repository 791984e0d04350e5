package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.porchlight.api.incentives.Referrals;
import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The identity bundle's portal pages over real HTTP: a visitor signs up and confirms the address with the
 * mailed code, a resident sees the pseudonym each agency knows them by, an agency admin invites staff,
 * changes a role, disables an account and edits the agency's settings (never another agency's), a vendor
 * creates and revokes an API key, and the platform admin creates an agency; bad input gives the form again
 * with its message.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountPagesIT extends PorchlightTestSupport {

    private static final Pattern VERIFICATION = Pattern.compile("plv_[A-Za-z0-9_-]{43}");

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private String agency() {
        String code = unique("AP");
        Http.Response created = http.postJson("/api/agencies", IdentityIT.agency(code), asAdmin());
        assertEquals(created.body(), 201, created.status());
        return code;
    }

    /** Posts a form of the page at {@code formPath} to {@code action}, with the page's CSRF token. */
    private Http.Response post(PortalSession session, String formPath, String action, Map<String, String> fields) {
        Http.Response form = page(session, formPath);
        assertPortalPage(200, form);
        Map<String, String> withToken = new java.util.HashMap<>(fields);
        withToken.put("csrf", formToken(form));
        return submit(session, action, withToken);
    }

    private static void assertRedirect(String location, Http.Response r) {
        assertEquals(r.toString(), 303, r.status());
        assertEquals(location, r.header("Location").orElse(""));
    }

    @Test
    public void aVisitorSignsUpAndConfirmsTheAddressWithTheMailedCode() throws Exception {
        List<MailMessage> mails = new CopyOnWriteArrayList<>();
        ServiceRegistration<Mailer> mailer = context.registerService(Mailer.class, mails::add,
                new java.util.Hashtable<>(Map.of(Constants.SERVICE_RANKING, 1000)));
        try {
            PortalSession visitor = new PortalSession();
            Http.Response form = page(visitor, "/sign-up");
            assertPortalPage(200, form);
            assertTrue(form.body(), form.body().contains("<label for=\"email\">")
                    && form.body().contains("<label for=\"password\">"));
            assertEquals("the referral field is there while the incentives bundle runs",
                    context.getServiceReference(Referrals.class) != null, form.body().contains("name=\"referralCode\""));
            Http.Response unknownCode = page(visitor, "/sign-up/code?referralCode=NO-SUCH-CODE-42");
            assertPortalPage(200, unknownCode);
            assertTrue("the live check says so, without the layout: " + unknownCode.body(),
                    unknownCode.body().contains("There is no such code") && !unknownCode.body().contains("<html"));

            Http.Response bad = post(visitor, "/sign-up", "/sign-up", Map.of("email", "not an address", "password", "",
                    "displayName", ""));
            assertPortalPage(400, bad);
            assertTrue(bad.body(), bad.body().contains("id=\"email-error\"") && bad.body().contains("Enter an e-mail address"));
            assertTrue(bad.body(), bad.body().contains("id=\"displayName-error\"") && bad.body().contains("Enter a password."));
            assertTrue("what was typed is kept", bad.body().contains("value=\"not an address\""));

            String email = "signup-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
            Http.Response weak = post(visitor, "/sign-up", "/sign-up", Map.of("email", email, "password", "password1234",
                    "displayName", "<b>Pat</b>"));
            assertPortalPage(400, weak);
            assertTrue(weak.body(), weak.body().contains("too easy to guess"));
            assertTrue("escaped", weak.body().contains("value=\"&lt;b&gt;Pat&lt;/b&gt;\"") && !weak.body().contains("<b>Pat"));
            assertEquals("a refused sign-up mails nothing", 0, mails.size());

            Http.Response done = post(visitor, "/sign-up", "/sign-up", Map.of("email", email, "password", PEOPLE_PASSWORD,
                    "displayName", "Pat", "referralCode", "NOSUCHCODE"));
            assertRedirect("/sign-up/sent", done);
            Http.Response sent = page(visitor, "/sign-up/sent");
            assertPortalPage(200, sent);
            assertTrue(sent.body(), sent.body().contains("If this address had no account"));

            // The same address again: the same answer, nothing about the account.
            Http.Response again = post(new PortalSession(), "/sign-up", "/sign-up", Map.of("email", email.toUpperCase(),
                    "password", "another long passphrase", "displayName", "Someone"));
            assertRedirect("/sign-up/sent", again);

            assertEquals(2, mails.size());
            Matcher token = VERIFICATION.matcher(mails.get(0).text());
            assertTrue(mails.get(0).text(), token.find());
            JsonNode me = http.get("/api/me", bearer(signIn(email, PEOPLE_PASSWORD).path("access_token").asText())).json();
            assertEquals("Pat", me.path("displayName").asText());
            UUID id = UUID.fromString(me.path("id").asText());
            Accounts accounts = service(Accounts.class, null);

            // Opening the link shows a button: a mail scanner that follows it uses nothing up.
            Http.Response opened = page(visitor, "/verify-email?token=" + token.group());
            assertPortalPage(200, opened);
            assertTrue(opened.body(), opened.body().contains("value=\"" + token.group() + "\""));
            assertFalse(accounts.emailVerified(id));

            Http.Response altered = post(visitor, "/verify-email", "/verify-email", Map.of("token", "plv_" + "A".repeat(43)));
            assertPortalPage(400, altered);
            assertTrue(altered.body(), altered.body().contains("id=\"token-error\""));
            assertFalse(accounts.emailVerified(id));

            assertRedirect("/verify-email/done", post(visitor, "/verify-email", "/verify-email", Map.of("token", token.group())));
            assertTrue(accounts.emailVerified(id));
            assertPortalPage(200, page(visitor, "/verify-email/done"));
            Http.Response used = post(visitor, "/verify-email", "/verify-email", Map.of("token", token.group()));
            assertPortalPage(400, used);

            PortalSession pat = signedIn(email, PEOPLE_PASSWORD);
            Http.Response account = page(pat, "/account");
            assertPortalPage(200, account);
            assertTrue(account.body(), account.body().contains("Confirmed") && !account.body().contains("Send me a new link"));
        } finally {
            mailer.unregister();
        }
    }

    @Test
    public void anUnverifiedResidentAsksForANewLinkAndSeesTheirPseudonyms() throws Exception {
        String code = agency();
        String email = "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        residentSession(email);
        PortalSession resident = signedIn(email, PEOPLE_PASSWORD);
        Http.Response account = page(resident, "/account");
        assertPortalPage(200, account);
        UUID id = UUID.fromString(http.get("/api/me", bearer(signIn(email, PEOPLE_PASSWORD).path("access_token").asText()))
                .json().path("id").asText());
        String pseudonym = service(PseudonymService.class, null).pseudonym(id, code).label();
        assertTrue(account.body(), account.body().contains(code + " Police (" + code + ")")
                && account.body().contains(pseudonym));
        assertTrue(account.body(), account.body().contains(email) && account.body().contains("Not confirmed yet"));
        assertTrue("the account is in the resident's navigation", account.body().contains("href=\"/account\""));

        // This framework has no mail server: asking for a link says so instead of pretending.
        Http.Response resend = post(resident, "/account", "/account/resend", Map.of());
        assertPortalPage(503, resend);
        assertTrue(resend.body(), resend.body().contains("cannot send e-mail"));

        String[] admin = asAdmin();
        String officer = "officer-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        staffSession(code, officer, "OFFICER", admin);
        Http.Response staffAccount = page(signedIn(officer, PEOPLE_PASSWORD), "/account");
        assertPortalPage(200, staffAccount); // profile and password for every role (issue 19); pseudonyms are a resident's
        assertFalse(staffAccount.body(), staffAccount.body().contains("How agencies see you")
                || staffAccount.body().contains("/account/resend"));
        Http.Response visitor = page(new PortalSession(), "/account");
        assertEquals(303, visitor.status());
    }

    @Test
    public void anAgencyAdminInvitesStaffChangesARoleAndDisablesButNeverInAnotherAgency() {
        String code = agency();
        String other = agency();
        String[] admin = asAdmin();
        String adminEmail = "agency-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        staffSession(code, adminEmail, "AGENCY_ADMIN", admin);
        PortalSession agencyAdmin = signedIn(adminEmail, PEOPLE_PASSWORD);

        Http.Response list = page(agencyAdmin, "/agency/staff");
        assertPortalPage(200, list);
        assertTrue(list.body(), list.body().contains(adminEmail) && list.body().contains(code + " Police"));

        Http.Response bad = post(agencyAdmin, "/agency/staff", "/agency/staff/invite", Map.of("email", "nobody", "displayName",
                "", "role", "PLATFORM_ADMIN"));
        assertPortalPage(400, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"email-error\"") && bad.body().contains("id=\"role-error\""));

        String invitedEmail = "invited-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        Http.Response invited = post(agencyAdmin, "/agency/staff", "/agency/staff/invite", Map.of("email", invitedEmail,
                "displayName", "<i>Ann</i>", "role", "OFFICER"));
        assertPortalPage(200, invited);
        Matcher token = Pattern.compile("value=\"(pla_[A-Za-z0-9_-]+)\"").matcher(invited.body());
        assertTrue(invited.body(), token.find());
        assertTrue("escaped", invited.body().contains("&lt;i&gt;Ann&lt;/i&gt;") && !invited.body().contains("<i>Ann"));
        Http.Response dashboard = page(agencyAdmin, "/dashboard");
        assertTrue(dashboard.body(), dashboard.body().contains("Invitations open")
                && dashboard.body().contains("href=\"/agency/staff\""));
        assertEquals(200, http.postJson("/api/accounts/activate", "{\"token\":\"" + token.group(1) + "\",\"password\":\""
                + PEOPLE_PASSWORD + "\"}").status());
        String id = staffId(code, invitedEmail, admin);

        assertRedirect("/agency/staff?changed", post(agencyAdmin, "/agency/staff", "/agency/staff/" + id + "/role",
                Map.of("role", "SUPERVISOR")));
        assertEquals("SUPERVISOR", staff(code, invitedEmail, admin).path("role").asText());
        assertPortalPage(400, post(agencyAdmin, "/agency/staff", "/agency/staff/" + id + "/role", Map.of("role", "VENDOR")));

        // Another agency's admin finds no such person, and changes nothing.
        String otherEmail = "other-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        staffSession(other, otherEmail, "AGENCY_ADMIN", admin);
        PortalSession otherAdmin = signedIn(otherEmail, PEOPLE_PASSWORD);
        Http.Response otherList = page(otherAdmin, "/agency/staff");
        assertFalse(otherList.body(), otherList.body().contains(invitedEmail));
        assertPortalPage(404, post(otherAdmin, "/agency/staff", "/agency/staff/" + id + "/role", Map.of("role", "OFFICER")));
        assertPortalPage(404, post(otherAdmin, "/agency/staff", "/agency/staff/" + id + "/disable", Map.of()));
        assertEquals("SUPERVISOR", staff(code, invitedEmail, admin).path("role").asText());
        assertEquals("ACTIVE", staff(code, invitedEmail, admin).path("status").asText());

        // Only agency admins: an officer of the agency gets 403.
        assertPortalPage(403, page(signedIn(invitedEmail, PEOPLE_PASSWORD), "/agency/staff"));

        assertRedirect("/agency/staff?disabled",
                post(agencyAdmin, "/agency/staff", "/agency/staff/" + id + "/disable", Map.of()));
        assertEquals("DISABLED", staff(code, invitedEmail, admin).path("status").asText());
        assertEquals(401, http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", invitedEmail,
                "password", PEOPLE_PASSWORD)).status());
    }

    @Test
    public void anAgencyAdminEditsTheSettingsButCannotTakeAnotherAgencysGround() {
        String code = agency();
        agency(); // a neighbour on the same ground
        String[] admin = asAdmin();
        String adminEmail = "settings-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        staffSession(code, adminEmail, "AGENCY_ADMIN", admin);
        PortalSession agencyAdmin = signedIn(adminEmail, PEOPLE_PASSWORD);

        Http.Response settings = page(agencyAdmin, "/agency/settings");
        assertPortalPage(200, settings);
        assertTrue(settings.body(), settings.body().contains("value=\"20000\"") && settings.body().contains("data-map="));
        assertTrue(settings.body(), settings.body().contains("<option selected>America/Chicago</option>"));

        Map<String, String> fields = new java.util.HashMap<>(Map.of("name", "Renamed <Police>", "timeZone", "America/Denver",
                "contactEmail", "desk@" + code.toLowerCase() + ".example", "contactPhone", "+1 816 555 0100",
                "latitude", "39.0997", "longitude", "-94.5786", "radius", "20000", "area", "",
                "policy", "approvalAlways = true\nretentionDays = 90"));
        assertRedirect("/agency/settings?saved", post(agencyAdmin, "/agency/settings", "/agency/settings", fields));
        JsonNode saved = http.get("/api/agencies/" + code, admin).json();
        assertEquals("Renamed <Police>", saved.path("name").asText());
        assertEquals("America/Denver", saved.path("timeZone").asText());
        assertTrue(saved.toString(), saved.path("policy").path("approvalAlways").asBoolean());
        assertEquals(90, saved.path("policy").path("retentionDays").asInt());
        assertEquals("circle", saved.path("jurisdiction").path("type").asText());
        Http.Response shown = page(agencyAdmin, "/agency/settings");
        assertTrue(shown.body(), shown.body().contains("Renamed &lt;Police&gt;")
                && shown.body().contains("approvalAlways = true"));

        fields.put("radius", "-1");
        fields.put("timeZone", "Mars/Olympus");
        Http.Response bad = post(agencyAdmin, "/agency/settings", "/agency/settings", fields);
        assertPortalPage(422, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"latitude-error\"") && bad.body().contains("id=\"timeZone-error\""));

        fields.put("radius", "20000");
        fields.put("timeZone", "America/Chicago");
        fields.put("area", "39.0, -94.7\n39.2, -94.7\n39.2, -94.4\n39.0, -94.4");
        Http.Response overlap = post(agencyAdmin, "/agency/settings", "/agency/settings", fields);
        assertPortalPage(403, overlap);
        assertTrue(overlap.body(), overlap.body().contains("id=\"area-error\"") && overlap.body().contains("overlaps"));
        assertEquals("circle", http.get("/api/agencies/" + code, admin).json().path("jurisdiction").path("type").asText());

        String officer = "officer-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        staffSession(code, officer, "OFFICER", admin);
        assertPortalPage(403, page(signedIn(officer, PEOPLE_PASSWORD), "/agency/settings"));
    }

    @Test
    public void aVendorCreatesAndRevokesAnApiKey() {
        String[] admin = asAdmin();
        String vendor = vendorAccount(admin);
        PortalSession session = signedIn(vendor, PEOPLE_PASSWORD);
        Http.Response empty = page(session, "/vendor");
        assertPortalPage(200, empty);

        assertPortalPage(400, post(session, "/vendor", "/vendor/keys", Map.of("name", "")));
        Http.Response created = post(session, "/vendor", "/vendor/keys", Map.of("name", "Dispatch <sync>"));
        assertPortalPage(200, created);
        Matcher key = Pattern.compile("value=\"(plk_[0-9a-f]{16}_[A-Za-z0-9_-]+)\"").matcher(created.body());
        assertTrue(created.body(), key.find());
        assertTrue(created.body(), created.body().contains("Dispatch &lt;sync&gt;"));
        assertEquals(200, http.get("/api/integration/whoami", bearer(key.group(1))).status());
        Http.Response listed = page(session, "/vendor");
        assertFalse("the secret is shown once", listed.body().contains(key.group(1)));
        String id = key.group(1).substring(4, 20);

        PortalSession another = signedIn(vendorAccount(admin), PEOPLE_PASSWORD);
        assertPortalPage(404, post(another, "/vendor", "/vendor/keys/" + id + "/revoke", Map.of()));
        assertEquals(200, http.get("/api/integration/whoami", bearer(key.group(1))).status());

        assertRedirect("/vendor?revoked", post(session, "/vendor", "/vendor/keys/" + id + "/revoke", Map.of()));
        assertEquals(401, http.get("/api/integration/whoami", bearer(key.group(1))).status());
        assertTrue(page(session, "/vendor").body().contains("Revoked"));
    }

    @Test
    public void thePlatformAdminCreatesAnAgency() {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Http.Response list = page(admin, "/admin/agencies");
        assertPortalPage(200, list);
        String code = unique("NA");
        Map<String, String> fields = new java.util.HashMap<>(Map.of("code", code.toLowerCase(), "name", "New Agency",
                "timeZone", "America/Chicago", "contactEmail", "records@new.example", "latitude", "", "longitude", "",
                "radius", "", "area", "38.0, -95.0\n38.1, -95.0\n38.1, -94.9", "policy", ""));
        assertRedirect("/admin/agencies?created=" + code, post(admin, "/admin/agencies", "/admin/agencies", fields));
        JsonNode created = http.get("/api/agencies/" + code, asAdmin()).json();
        assertEquals("New Agency", created.path("name").asText());
        assertEquals("polygon", created.path("jurisdiction").path("type").asText());
        Http.Response shown = page(admin, "/admin/agencies?created=" + code);
        assertTrue(shown.body(), shown.body().contains(code) && shown.body().contains("New Agency"));

        Http.Response duplicate = post(admin, "/admin/agencies", "/admin/agencies", fields);
        assertPortalPage(409, duplicate);
        assertTrue(duplicate.body(), duplicate.body().contains("id=\"code-error\""));
        fields.put("code", "x");
        fields.put("area", "");
        Http.Response bad = post(admin, "/admin/agencies", "/admin/agencies", fields);
        assertPortalPage(422, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"code-error\"") && bad.body().contains("id=\"latitude-error\""));

        String adminEmail = "agency-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        staffSession(code, adminEmail, "AGENCY_ADMIN", asAdmin());
        assertPortalPage(403, page(signedIn(adminEmail, PEOPLE_PASSWORD), "/admin/agencies"));
    }

    private JsonNode staff(String agency, String email, String[] admin) {
        for (JsonNode s : http.get("/api/agencies/" + agency + "/staff", admin).json()) {
            if (email.equals(s.path("email").asText())) {
                return s;
            }
        }
        throw new AssertionError("no staff member " + email);
    }

    private String staffId(String agency, String email, String[] admin) {
        return staff(agency, email, admin).path("id").asText();
    }
}
