package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The incentives bundle's portal pages over HTTP: an agency admin starts a campaign, creates codes, adjusts the
 * ledger and draws a raffle through the forms; anyone opens the raffle's public page with the draw's inputs, its
 * winners and the script that checks them; other staff of the agency read without forms, another agency's staff
 * find nothing; a resident sees their referral and enters a code once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IncentivePagesIT extends PorchlightTestSupport {

    private String run;
    private String agency;
    private String[] admin;
    private String adminEmail;
    private String[] agencyAdmin;

    @Before
    public void agency() {
        run = UUID.randomUUID().toString().substring(0, 8);
        agency = "IP" + run.toUpperCase();
        admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        adminEmail = "admin-" + run + "@pages.example";
        agencyAdmin = staffSession(agency, adminEmail, "AGENCY_ADMIN", admin);
    }

    @Test
    public void anAgencyAdminRunsAProgrammeAndARaffleThroughThePortalAndAnyoneChecksTheDraw() {
        PortalSession portal = signedIn(adminEmail, PEOPLE_PASSWORD);
        Http.Response overview = page(portal, "/incentives");
        assertPortalPage(200, overview);
        assertTrue(overview.body().contains("Start a campaign"));
        String csrf = formToken(overview);

        // A campaign: a bad alias gives the form again with the message next to the field; then it is started.
        Http.Response bad = submit(portal, "/incentives/campaigns", Map.of("csrf", csrf, "name", "Doorbells <b>2027</b>",
                "partner", "Acme Doorbells Inc.", "partnerAliases", "Acme\nA"));
        assertPortalPage(422, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"partnerAliases-error\""));
        assertTrue("what was typed stays", bad.body().contains("Acme Doorbells Inc."));
        Http.Response missing = submit(portal, "/incentives/campaigns", Map.of("csrf", csrf, "name", "", "partner", "Acme"));
        assertPortalPage(422, missing);
        assertTrue(missing.body().contains("id=\"name-error\""));
        Http.Response started = submit(portal, "/incentives/campaigns", Map.of("csrf", csrf, "name", "Doorbells <b>2027</b>",
                "partner", "Acme Doorbells Inc.", "partnerAliases", "Acme\nAcme Doorbells"));
        assertEquals(started.toString(), 303, started.status());
        assertEquals("/incentives", started.header("Location").orElse(""));
        Http.Response listed = page(portal, "/incentives");
        assertTrue("escaped", listed.body().contains("Doorbells &lt;b&gt;2027&lt;/b&gt;"));
        assertFalse(listed.body().contains("<b>2027</b>"));
        JsonNode campaign = http.get("/api/agencies/" + agency + "/incentives/campaigns", agencyAdmin).json().get(0);
        String campaignId = campaign.path("id").asText();
        assertEquals("[\"Acme\",\"Acme Doorbells\"]", http.get("/api/agencies/" + agency + "/incentives/campaigns/" + campaignId
                + "/partner-aliases", agencyAdmin).json().path("aliases").toString());

        // Codes of the campaign.
        String campaignPath = "/incentives/campaigns/" + campaignId;
        LocalDate today = LocalDate.now();
        Http.Response backwards = submit(portal, campaignPath + "/codes", Map.of("csrf", csrf, "label", "Library",
                "startsOn", today.toString(), "endsOn", today.minusDays(1).toString()));
        assertPortalPage(422, backwards);
        assertTrue(backwards.body().contains("id=\"endsOn-error\""));
        Http.Response code = submit(portal, campaignPath + "/codes", Map.of("csrf", csrf, "label", "Library desk",
                "startsOn", today.minusDays(1).toString(), "endsOn", today.plusMonths(1).toString(), "cap", "100"));
        assertEquals(code.toString(), 303, code.status());
        assertEquals(campaignPath, code.header("Location").orElse(""));
        JsonNode codes = http.get("/api/agencies/" + agency + "/incentives/campaigns/" + campaignId + "/codes", agencyAdmin).json();
        assertEquals(1, codes.size());
        assertEquals(100, codes.get(0).path("cap").asInt());
        Http.Response detail = page(portal, campaignPath);
        assertPortalPage(200, detail);
        assertTrue(detail.body().contains(codes.get(0).path("display").asText()));
        assertTrue(detail.body().contains("Library desk"));
        assertEquals(303, submit(portal, campaignPath + "/aliases", Map.of("csrf", csrf, "aliases", "Acme Bells")).status());
        assertTrue(page(portal, campaignPath).body().contains("<li>Acme Bells</li>"));

        // The ledger: an adjustment with its reason; a raffle of more units than it holds is refused on the form.
        assertPortalPage(422, submit(portal, "/incentives/ledger", Map.of("csrf", csrf, "units", "0", "reason", "nothing")));
        assertEquals(303, submit(portal, "/incentives/ledger", Map.of("csrf", csrf, "units", "3",
                "reason", "Cameras received before the programme was recorded here")).status());
        Http.Response ledger = page(portal, "/incentives");
        assertTrue(ledger.body().contains("id=\"ledger-balance\">3<"));
        assertTrue(ledger.body().contains("Cameras received before the programme was recorded here"));
        Http.Response tooMany = submit(portal, "/raffles", Map.of("csrf", csrf, "title", "Block party", "units", "5"));
        assertPortalPage(422, tooMany);
        assertTrue(tooMany.body().contains("does not hold enough units"));

        // A raffle: created, entrants by label (an address is no label), drawn.
        Http.Response created = submit(portal, "/raffles", Map.of("csrf", csrf, "title", "Block party", "units", "2",
                "campaign", campaignId));
        assertEquals(created.toString(), 303, created.status());
        String rafflePath = created.header("Location").orElse("");
        assertTrue(rafflePath, rafflePath.matches("/raffles/[0-9a-f-]{36}"));
        String id = rafflePath.substring("/raffles/".length());
        Http.Response address = submit(portal, rafflePath + "/entrants", Map.of("csrf", csrf, "labels", "T-07\nann@example.org"));
        assertPortalPage(422, address);
        assertTrue(address.body().contains("<li>ann@example.org</li>"));
        assertEquals(303, submit(portal, rafflePath + "/entrants", Map.of("csrf", csrf, "labels", "T-07\nT-02\nT-11\nT-05\nT-02"))
                .status());
        assertTrue(page(portal, rafflePath).body().contains("id=\"raffle-entrant-count\">4<"));
        assertTrue(page(portal, "/dashboard").body().contains("Raffles to draw"));
        assertEquals(303, submit(portal, rafflePath + "/draw", Map.of("csrf", csrf)).status());
        assertEquals("a second draw changes nothing", 303, submit(portal, rafflePath + "/draw", Map.of("csrf", csrf)).status());
        JsonNode published = http.get("/api/public/raffles/" + id).json();
        assertEquals(2, published.path("winners").size());
        assertEquals(1, http.get("/api/agencies/" + agency + "/incentives/ledger", agencyAdmin).json().path("balance")
                .path("balance").asLong());

        // Anyone: the public page with the inputs, the winners and the script that checks them.
        Http.Response open = page(new PortalSession(), "/raffles/public/" + id);
        assertPortalPage(200, open);
        String body = open.body();
        assertTrue(body.contains(published.path("commitment").asText()));
        assertTrue(body.contains("id=\"raffle-seed\">" + published.path("seed").asText() + "<"));
        published.path("winners").forEach(w -> assertTrue(body.contains("<li>" + w.asText() + "</li>")));
        assertTrue(body.contains("<script src=\"/static/incentives/raffle-check.js\" defer></script>"));
        assertTrue(body.contains("aria-live=\"polite\""));
        assertTrue("how to check it by hand", body.contains("sha256sum"));
        Http.Response script = http.get("/static/incentives/raffle-check.js");
        assertEquals(200, script.status());
        assertTrue(script.body().contains("crypto.subtle.digest"));
        assertTrue(script.header("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        assertPortalPage(404, page(new PortalSession(), "/raffles/public/" + UUID.randomUUID()));
        assertPortalPage(404, page(new PortalSession(), "/raffles/public/not-a-raffle"));
        Http.Response find = page(new PortalSession(), "/raffles/public?raffle=" + id);
        assertEquals(303, find.status());
        assertEquals("/raffles/public/" + id, find.header("Location").orElse(""));

        // In Spanish too, every page of the journey.
        Http.Response spanish = page(new PortalSession(), "/raffles/public/" + id + "?lang=es");
        assertPortalPage(200, spanish);
        assertTrue(spanish.body().contains("Cómo comprobarlo a mano"));
        assertTrue("MessageFormat quotes undone", spanish.body().contains("printf &#39;%08x&#39; 1"));
        PortalSession enEspanol = signedIn(adminEmail, PEOPLE_PASSWORD);
        for (String path : new String[] {"/incentives?lang=es", campaignPath, "/raffles", rafflePath}) {
            Http.Response es = page(enEspanol, path);
            assertPortalPage(200, es);
            assertTrue(path, es.body().contains("lang=\"es\""));
        }

        // A supervisor of the agency reads without forms; the admin's forms are not theirs.
        String supervisorEmail = "supervisor-" + run + "@pages.example";
        staffSession(agency, supervisorEmail, "SUPERVISOR", admin);
        PortalSession supervisor = signedIn(supervisorEmail, PEOPLE_PASSWORD);
        Http.Response read = page(supervisor, "/incentives");
        assertPortalPage(200, read);
        assertTrue(read.body().contains("Doorbells &lt;b&gt;2027&lt;/b&gt;"));
        assertFalse(read.body().contains("Start a campaign"));
        assertPortalPage(200, page(supervisor, rafflePath));
        assertPortalPage(403, submit(supervisor, "/incentives/ledger", Map.of("csrf", supervisor.csrf, "units", "5", "reason", "x")));

        // Another agency's admin: none of it.
        String other = "IQ" + run.toUpperCase();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(other), admin).status());
        String otherEmail = "admin-" + run + "@other-pages.example";
        staffSession(other, otherEmail, "AGENCY_ADMIN", admin);
        PortalSession stranger = signedIn(otherEmail, PEOPLE_PASSWORD);
        Http.Response theirs = page(stranger, "/incentives");
        assertPortalPage(200, theirs);
        assertFalse(theirs.body().contains("Doorbells &lt;b&gt;"));
        assertPortalPage(404, page(stranger, campaignPath));
        assertPortalPage(404, page(stranger, rafflePath));
        String strangerCsrf = formToken(theirs);
        assertPortalPage(404, submit(stranger, campaignPath + "/codes", Map.of("csrf", strangerCsrf, "label", "x",
                "startsOn", today.toString(), "endsOn", today.plusDays(1).toString())));
        assertPortalPage(404, submit(stranger, rafflePath + "/entrants", Map.of("csrf", strangerCsrf, "labels", "T-99")));
        assertFalse(page(stranger, "/raffles").body().contains("Block party"));
        assertEquals(1, http.get("/api/agencies/" + agency + "/incentives/campaigns/" + campaignId + "/codes", agencyAdmin)
                .json().size());
    }

    @Test
    public void aResidentSeesTheirReferralAndEntersACodeOnce() {
        String campaign = http.postJson("/api/agencies/" + agency + "/incentives/campaigns",
                "{\"name\":\"Porch lights\",\"partner\":\"Lumen Co\"}", agencyAdmin).json().path("id").asText();
        String code = http.postJson("/api/agencies/" + agency + "/incentives/campaigns/" + campaign + "/codes",
                "{\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\"}", agencyAdmin).json().path("display").asText();
        String email = "resident-" + run + "@pages.example";
        residentSession(email);
        PortalSession resident = signedIn(email, PEOPLE_PASSWORD);
        Http.Response none = page(resident, "/referrals");
        assertPortalPage(200, none);
        assertTrue(none.body().contains("not attributed"));
        String csrf = formToken(none);
        Http.Response unknown = submit(resident, "/referrals", Map.of("csrf", csrf, "code", "ACDEF-ACDEF"));
        assertPortalPage(422, unknown);
        assertTrue(unknown.body().contains("id=\"code-error\""));
        assertTrue(unknown.body().contains("no such referral code"));
        Http.Response entered = submit(resident, "/referrals", Map.of("csrf", csrf, "code", code.toLowerCase().replace("-", " ")));
        assertEquals(entered.toString(), 303, entered.status());
        Http.Response held = page(resident, "/referrals");
        assertPortalPage(200, held);
        assertTrue(held.body().contains(code));
        assertTrue(held.body().contains("Lumen Co"));
        assertTrue(held.body().contains("id=\"referral-state\">Pending<"));
        assertFalse("no second code", held.body().contains("name=\"code\""));
        Http.Response again = submit(resident, "/referrals", Map.of("csrf", csrf, "code", code));
        assertEquals(422, again.status());
        assertEquals("/api/me/referral agrees", code.replace("-", ""), http.get("/api/me/referral", bearer(signIn(email,
                PEOPLE_PASSWORD).path("access_token").asText())).json().path("code").asText());

        assertPortalPage(403, page(resident, "/incentives"));
        assertPortalPage(403, page(resident, "/raffles"));
        assertPortalPage(403, page(signedIn(adminEmail, PEOPLE_PASSWORD), "/referrals"));
    }
}
