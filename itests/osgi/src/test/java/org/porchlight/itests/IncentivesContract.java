package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Before;
import org.junit.Test;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.incentives.Referrals;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incentive programmes end to end, against each database: codes and attribution at sign-up and
 * later, exact counts and credits under 1,000 concurrent sign-ups, the ledger, a raffle anyone can
 * recompute, and the public disclosure.
 */
public abstract class IncentivesContract extends PorchlightTestSupport {

    private String agency;
    private String[] admin;
    private String[] agencyAdmin;
    private String[] officer;
    private String run;

    @Before
    public void agency() {
        // An agency of its own per test: the PostgreSQL database keeps ledgers between runs.
        run = UUID.randomUUID().toString().substring(0, 8);
        agency = "IN" + run.toUpperCase();
        admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        http.postJson("/api/agencies", IdentityIT.agency("JCSO"), admin);
        agencyAdmin = staffSession(agency, "admin-" + run + "@incentives.example", "AGENCY_ADMIN", admin);
        officer = staffSession(agency, "officer-" + run + "@incentives.example", "OFFICER", admin);
    }

    @Test
    public void residentsAreAttributedAtSignUpOrLaterOnceAndBadCodesAreClearProblems() {
        String code = code(null).path("display").asText();
        JsonNode check = http.get("/api/public/referral-codes/" + code).json();
        assertEquals(agency, check.path("agency").asText());
        assertEquals("Doorbell Co", check.path("partner").asText());
        assertEquals(404, http.get("/api/public/referral-codes/ACDEF-ACDEF").status());

        // With the sign-up: the answer is the same as ever; the attribution shows on the resident's account.
        String email = "ref-" + run + "@residents.example";
        Http.Response signedUp = http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PEOPLE_PASSWORD
                + "\",\"displayName\":\"R\",\"referralCode\":\"" + code.toLowerCase() + "\"}");
        assertEquals(202, signedUp.status());
        String[] resident = bearer(signIn(email, PEOPLE_PASSWORD).path("access_token").asText());
        assertEquals(agency, http.get("/api/me/referral", resident).json().path("agency").asText());
        assertEquals("once", 409, http.postJson("/api/me/referral", "{\"code\":\"" + code + "\"}", resident).status());

        // A bad code never fails the sign-up; the resident enters a good one later.
        String other = "late-" + run + "@residents.example";
        assertEquals(202, http.postJson("/api/accounts", "{\"email\":\"" + other + "\",\"password\":\"" + PEOPLE_PASSWORD
                + "\",\"displayName\":\"R\",\"referralCode\":\"NOT-A-CODE\"}").status());
        String[] late = bearer(signIn(other, PEOPLE_PASSWORD).path("access_token").asText());
        assertEquals(404, http.get("/api/me/referral", late).status());
        Http.Response unknown = http.postJson("/api/me/referral", "{\"code\":\"ACDEF-ACDEF\"}", late);
        assertEquals(404, unknown.status());
        assertEquals("urn:porchlight:problem:unknown-referral-code", unknown.json().path("type").asText());
        assertEquals(201, http.postJson("/api/me/referral", "{\"code\":\"" + code + "\"}", late).status());

        String used = code(1).path("code").asText();
        assertEquals(201, http.postJson("/api/me/referral", "{\"code\":\"" + used + "\"}", residentSession("cap-" + run + "@residents.example")).status());
        Http.Response usedUp = http.postJson("/api/me/referral", "{\"code\":\"" + used + "\"}", residentSession("cap2-" + run + "@residents.example"));
        assertEquals(409, usedUp.status());
        assertEquals("urn:porchlight:problem:referral-code-used-up", usedUp.json().path("type").asText());

        JsonNode campaigns = http.get("/api/agencies/" + agency + "/incentives/campaigns", agencyAdmin).json();
        assertEquals(2 + 1, campaigns.get(0).path("attributions").asLong() + campaigns.get(1).path("attributions").asLong());
        String today = java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")).toString();
        JsonNode daily = http.get("/api/agencies/" + agency + "/incentives/attributions?from=" + today + "&to=" + today, agencyAdmin).json();
        assertEquals(3, daily.findValues("attributions").stream().mapToLong(JsonNode::asLong).sum());
        assertEquals("officers do not run programmes", 403, http.get("/api/agencies/" + agency + "/incentives/campaigns", officer).status());
    }

    @Test
    public void aThousandConcurrentSignUpsWithOneCodeGiveExactlyAThousandAttributionsAndFiftyUnits() throws Exception {
        JsonNode code = code(null);
        Referrals referrals = service(Referrals.class, null);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> signUps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            signUps.add(pool.submit(() -> referrals.attribute(UUID.randomUUID(), Instant.now(), code.path("code").asText())));
        }
        for (Future<?> signUp : signUps) {
            signUp.get();
        }
        pool.shutdown();
        assertEquals(1000, rows("SELECT COUNT(*) FROM incentives.attribution WHERE code = '" + code.path("code").asText() + "'"));
        JsonNode ledger = http.get("/api/agencies/" + agency + "/incentives/ledger", agencyAdmin).json();
        assertEquals("one unit per 20 sign-ups, at most 50 a year", 50, ledger.path("balance").path("earned").asLong());
        assertEquals(50, ledger.path("balance").path("balance").asLong());
        assertEquals(50, ledger.path("entries").size());
        // The figures a disclosure (a press release's partnership block) reads.
        IncentiveFigures.Programme programme = service(IncentiveFigures.class, null).programmes(agency).get(0);
        assertEquals("Doorbell Co", programme.partner());
        assertEquals(1000, programme.signUpsAttributed());
        assertEquals(50, programme.unitsEarned());
    }

    @Test
    public void aRaffleGivesAwayUnitsTheLedgerHoldsAndAnyoneCanRecomputeItsDraw() throws Exception {
        Http.Response tooMany = http.postJson("/api/agencies/" + agency + "/raffles", "{\"title\":\"Block party\",\"units\":2}", agencyAdmin);
        assertEquals(409, tooMany.status());
        assertEquals("urn:porchlight:problem:insufficient-balance", tooMany.json().path("type").asText());
        assertEquals(400, http.postJson("/api/agencies/" + agency + "/incentives/ledger/adjustments", "{\"units\":5}", agencyAdmin).status());
        assertEquals(403, http.postJson("/api/agencies/" + agency + "/incentives/ledger/adjustments",
                "{\"units\":5,\"reason\":\"x\"}", officer).status());
        assertEquals(201, http.postJson("/api/agencies/" + agency + "/incentives/ledger/adjustments",
                "{\"units\":5,\"reason\":\"Cameras received before the programme was recorded here\"}", agencyAdmin).status());

        JsonNode raffle = http.postJson("/api/agencies/" + agency + "/raffles", "{\"title\":\"Block party\",\"units\":2}", agencyAdmin).json();
        String id = raffle.path("id").asText();
        JsonNode before = http.get("/api/public/raffles/" + id).json();
        assertEquals(raffle.path("commitment").asText(), before.path("commitment").asText());
        assertTrue("the seed stays secret until the draw", before.path("seed").isMissingNode() || before.path("seed").isNull());
        assertEquals(400, http.postJson("/api/agencies/" + agency + "/raffles/" + id + "/entrants",
                "{\"labels\":[\"ann@example.org\"]}", agencyAdmin).status());
        http.postJson("/api/agencies/" + agency + "/raffles/" + id + "/entrants", "{\"labels\":[\"T-07\",\"T-02\",\"T-11\",\"T-05\"]}",
                agencyAdmin);
        http.postJson("/api/agencies/" + agency + "/raffles/" + id + "/entrants", "{\"labels\":[\"T-01\",\"T-02\"]}", agencyAdmin);
        assertEquals(200, http.postJson("/api/agencies/" + agency + "/raffles/" + id + "/draw", null, agencyAdmin).status());
        assertEquals(409, http.postJson("/api/agencies/" + agency + "/raffles/" + id + "/entrants", "{\"labels\":[\"T-99\"]}",
                agencyAdmin).status());

        // Anyone: the seed matches the commitment, and the winners follow from seed and entrants.
        JsonNode published = http.get("/api/public/raffles/" + id).json();
        byte[] seed = HexFormat.of().parseHex(published.path("seed").asText());
        assertEquals(raffle.path("commitment").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed)));
        List<String> entrants = new ArrayList<>();
        published.path("entrants").forEach(e -> entrants.add(e.asText()));
        assertEquals(List.of("T-01", "T-02", "T-05", "T-07", "T-11"), entrants);
        List<String> winners = new ArrayList<>();
        published.path("winners").forEach(w -> winners.add(w.asText()));
        assertEquals(recompute(seed, entrants, 2), winners);

        JsonNode ledger = http.get("/api/agencies/" + agency + "/incentives/ledger", agencyAdmin).json().path("balance");
        assertEquals(3, ledger.path("balance").asLong());
        assertEquals(ledger.path("balance").asLong(), ledger.path("earned").asLong() + ledger.path("redeemed").asLong()
                + ledger.path("adjusted").asLong());
        assertEquals(404, http.get("/api/agencies/" + agency + "/raffles/" + id, staffSession("JCSO", "deputy@jcso-incentives.example",
                "AGENCY_ADMIN", admin)).status());

        JsonNode page = http.get("/api/public/agencies/" + agency + "/transparency").json();
        JsonNode thisMonth = page.path("months").get(page.path("months").size() - 1).path("incentives");
        assertEquals(page.toString(), 2, thisMonth.path("unitsGivenAway").asLong());
        assertEquals(5, thisMonth.path("unitsAdjusted").asLong());
        assertFalse("no entrants on the page", page.toString().contains("T-0"));
    }

    @Test
    public void aRuleFromAnotherBundleAppliesToLaterAttributionsAndItsSwapFailsNoSignUp() throws Exception {
        JsonNode campaign = http.postJson("/api/agencies/" + agency + "/incentives/campaigns",
                "{\"name\":\"Doubled\",\"partner\":\"Doorbell Co\",\"rule\":\"itest-generous\"}", agencyAdmin).json();
        String code = http.postJson("/api/agencies/" + agency + "/incentives/campaigns/" + campaign.path("id").asText() + "/codes",
                "{\"startsAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS)
                        + "\"}", agencyAdmin).json().path("code").asText();
        Referrals referrals = service(Referrals.class, null);
        // A rule as a plugin bundle registers it: 2 units a sign-up.
        org.osgi.framework.ServiceRegistration<IncentiveRule> version1 = context.registerService(IncentiveRule.class, tally -> 2,
                new java.util.Hashtable<>(java.util.Map.of(IncentiveRule.NAME, "itest-generous")));
        referrals.attribute(UUID.randomUUID(), Instant.now(), code);
        // The plugin is updated: between the old version leaving and the new one arriving, a sign-up waits.
        version1.unregister();
        ExecutorService signUp = Executors.newSingleThreadExecutor();
        Future<Referrals.Attribution> during = signUp.submit(() -> referrals.attribute(UUID.randomUUID(), Instant.now(), code));
        Thread.sleep(500);
        org.osgi.framework.ServiceRegistration<IncentiveRule> version2 = context.registerService(IncentiveRule.class, tally -> 3,
                new java.util.Hashtable<>(java.util.Map.of(IncentiveRule.NAME, "itest-generous")));
        try {
            assertEquals(agency, during.get().agency());
        } finally {
            signUp.shutdown();
            version2.unregister();
        }
        List<Long> earned = new ArrayList<>();
        http.get("/api/agencies/" + agency + "/incentives/ledger", agencyAdmin).json().path("entries")
                .forEach(e -> earned.add(e.path("units").asLong()));
        java.util.Collections.sort(earned);
        assertEquals("each attribution keeps what the rule of its time gave", List.of(2L, 3L), earned);
    }

    /** The draw as published in the API's description, written here independently of the bundle. */
    private static List<String> recompute(byte[] seed, List<String> entrants, int units) throws Exception {
        List<String> left = new ArrayList<>(entrants);
        java.util.Collections.sort(left);
        List<String> winners = new ArrayList<>();
        for (int k = 0; k < units && !left.isEmpty(); k++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed);
            sha.update(new byte[] {(byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k});
            long value = ByteBuffer.wrap(sha.digest()).getLong();
            winners.add(left.remove((int) Long.remainderUnsigned(value, left.size())));
        }
        assertNotEquals(0, winners.size());
        return winners;
    }

    private JsonNode code(Integer cap) {
        JsonNode campaign = http.postJson("/api/agencies/" + agency + "/incentives/campaigns",
                "{\"name\":\"Doorbells for sign-ups " + UUID.randomUUID() + "\",\"partner\":\"Doorbell Co\"}", agencyAdmin).json();
        Http.Response code = http.postJson("/api/agencies/" + agency + "/incentives/campaigns/" + campaign.path("id").asText() + "/codes",
                "{\"label\":\"flyer\",\"startsAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\""
                        + Instant.now().plus(30, ChronoUnit.DAYS) + "\"" + (cap == null ? "" : ",\"cap\":" + cap) + "}", agencyAdmin);
        assertEquals(code.body(), 201, code.status());
        return code.json();
    }
}
