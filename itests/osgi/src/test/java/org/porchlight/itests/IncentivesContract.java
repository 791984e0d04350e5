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
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.incentives.Referrals;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.security.IdentityEvents;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.MailSettings;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

/**
 * Incentive programmes end to end, against each database and a real SMTP server (GreenMail) through
 * the mail-smtp bundle: codes and attribution at sign-up and later, pending until the resident
 * follows the mailed link, the referral-farming attack (throttled, and what gets through earns
 * nothing until verified, once), exact counts and credits under 1,000 concurrent sign-ups, the
 * ledger, a raffle anyone can recompute, and the public disclosure.
 */
public abstract class IncentivesContract extends PorchlightTestSupport {

    private static final Pattern TOKEN = Pattern.compile("plv_[A-Za-z0-9_-]{43}");
    private static GreenMail smtp;

    @Inject
    private ConfigurationAdmin configAdmin;

    private String agency;
    private String[] admin;
    private String[] agencyAdmin;
    private String[] officer;
    private String run;

    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(),
                org.ops4j.pax.exam.CoreOptions.mavenBundle("com.icegreen", "greenmail", "2.1.13"));
    }

    /** A mail server for the framework's life, and mail-smtp configured for it (once per class). */
    @Before
    public void mailServer() throws Exception {
        if (smtp != null) {
            return;
        }
        int port = Distribution.freePort();
        smtp = MailSettings.startSmtp(port);
        configAdmin.getConfiguration("org.porchlight.mail.smtp", "?").update(MailSettings.smtp(port));
        service(Mailer.class, null);
    }

    @AfterClass
    public static void stopMailServer() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

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
    public void residentsAreAttributedAtSignUpOrLaterOnceAndBadCodesAreClearProblems() throws Exception {
        String code = code(null).path("display").asText();
        JsonNode check = http.get("/api/public/referral-codes/" + code).json();
        assertEquals(agency, check.path("agency").asText());
        assertEquals("Doorbell Co", check.path("partner").asText());
        assertEquals(404, http.get("/api/public/referral-codes/ACDEF-ACDEF").status());

        // With the sign-up: the answer is the same as ever; the attribution shows on the resident's account,
        // pending until the resident follows the link mailed to them.
        String email = "ref-" + run + "@residents.example";
        Http.Response signedUp = http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PEOPLE_PASSWORD
                + "\",\"displayName\":\"R\",\"referralCode\":\"" + code.toLowerCase() + "\"}");
        assertEquals(202, signedUp.status());
        String[] resident = bearer(signIn(email, PEOPLE_PASSWORD).path("access_token").asText());
        JsonNode mine = http.get("/api/me/referral", resident).json();
        assertEquals(agency, mine.path("agency").asText());
        assertEquals("PENDING", mine.path("state").asText());
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
        String capped = "cap-" + run + "@residents.example";
        assertEquals(201, http.postJson("/api/me/referral", "{\"code\":\"" + used + "\"}", residentSession(capped)).status());
        Http.Response usedUp = http.postJson("/api/me/referral", "{\"code\":\"" + used + "\"}", residentSession("cap2-" + run + "@residents.example"));
        assertEquals("a pending attribution takes the cap too", 409, usedUp.status());
        assertEquals("urn:porchlight:problem:referral-code-used-up", usedUp.json().path("type").asText());

        JsonNode campaigns = http.get("/api/agencies/" + agency + "/incentives/campaigns", agencyAdmin).json();
        assertEquals("none counted before a link is followed", 0, sum(campaigns, "attributions"));
        assertEquals(2 + 1, sum(campaigns, "pending"));
        for (String address : List.of(email, other, capped)) {
            assertEquals(200, verify(mailedToken(address)).status());
        }
        awaitTrue("the three count", () -> ledger().path("attributions").path("counted").asLong() == 3);
        campaigns = http.get("/api/agencies/" + agency + "/incentives/campaigns", agencyAdmin).json();
        assertEquals(2 + 1, sum(campaigns, "attributions"));
        assertEquals(0, sum(campaigns, "pending"));
        assertEquals("COUNTED", http.get("/api/me/referral", resident).json().path("state").asText());
        String today = java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")).toString();
        JsonNode daily = http.get("/api/agencies/" + agency + "/incentives/attributions?from=" + today + "&to=" + today, agencyAdmin).json();
        assertEquals(3, daily.findValues("attributions").stream().mapToLong(JsonNode::asLong).sum());
        assertEquals(3, daily.findValues("counted").stream().mapToLong(JsonNode::asLong).sum());
        assertEquals("officers do not run programmes", 403, http.get("/api/agencies/" + agency + "/incentives/campaigns", officer).status());
    }

    /**
     * Identity's verification event stands in here for 1,000 followed links (the farming test below
     * follows real mailed ones): counting is exact however the events interleave, and each counts once.
     */
    @Test
    public void aThousandConcurrentSignUpsWithOneCodeGiveExactlyAThousandAttributionsAndFiftyUnits() throws Exception {
        JsonNode code = code(null);
        Referrals referrals = service(Referrals.class, null);
        EventAdmin events = service(EventAdmin.class, null);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<UUID> residents = new ArrayList<>();
        List<Future<?>> signUps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            UUID resident = UUID.randomUUID();
            residents.add(resident);
            signUps.add(pool.submit(() -> referrals.attribute(resident, Instant.now(), code.path("code").asText())));
        }
        for (Future<?> signUp : signUps) {
            signUp.get();
        }
        assertEquals(1000, rows("SELECT COUNT(*) FROM incentives.attribution WHERE code = '" + code.path("code").asText() + "'"));
        assertEquals(1000, ledger().path("attributions").path("pending").asLong());
        assertEquals("unverified sign-ups earn nothing", 0, ledger().path("balance").path("earned").asLong());
        List<Future<?>> verified = new ArrayList<>();
        for (UUID resident : residents) {
            for (int twice = 0; twice < 2; twice++) {
                verified.add(pool.submit(() -> events.postEvent(new Event(IdentityEvents.EMAIL_VERIFIED,
                        Map.of(IdentityEvents.ACCOUNT, resident.toString())))));
            }
        }
        for (Future<?> event : verified) {
            event.get();
        }
        pool.shutdown();
        awaitTrue("all counted", () -> ledger().path("attributions").path("counted").asLong() == 1000);
        JsonNode ledger = ledger();
        assertEquals(0, ledger.path("attributions").path("pending").asLong());
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
        // A rule as a plugin bundle registers it: 2 units a sign-up. A campaign may name it once the agency enabled it.
        org.osgi.framework.ServiceRegistration<IncentiveRule> version1 = context.registerService(IncentiveRule.class, tally -> 2,
                new java.util.Hashtable<>(java.util.Map.of(IncentiveRule.NAME, "itest-generous")));
        String doubled = "{\"name\":\"Doubled\",\"partner\":\"Doorbell Co\",\"rule\":\"itest-generous\"}";
        assertEquals("a plugin's rule the agency has not enabled", 422,
                http.postJson("/api/agencies/" + agency + "/incentives/campaigns", doubled, agencyAdmin).status());
        enableProbe(agency, agencyAdmin);
        JsonNode campaign = http.postJson("/api/agencies/" + agency + "/incentives/campaigns", doubled, agencyAdmin).json();
        String code = http.postJson("/api/agencies/" + agency + "/incentives/campaigns/" + campaign.path("id").asText() + "/codes",
                "{\"startsAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS)
                        + "\"}", agencyAdmin).json().path("code").asText();
        Referrals referrals = service(Referrals.class, null);
        EventAdmin events = service(EventAdmin.class, null);
        UUID first = UUID.randomUUID();
        referrals.attribute(first, Instant.now(), code);
        events.postEvent(new Event(IdentityEvents.EMAIL_VERIFIED, Map.of(IdentityEvents.ACCOUNT, first.toString())));
        awaitTrue("the first counts", () -> ledger().path("entries").size() == 1);
        // The plugin is updated: a sign-up between the old version leaving and the new one arriving is
        // attributed (no rule is needed for that), and its verification waits for the new version.
        version1.unregister();
        UUID during = UUID.randomUUID();
        assertEquals(agency, referrals.attribute(during, Instant.now(), code).agency());
        events.postEvent(new Event(IdentityEvents.EMAIL_VERIFIED, Map.of(IdentityEvents.ACCOUNT, during.toString())));
        Thread.sleep(500);
        org.osgi.framework.ServiceRegistration<IncentiveRule> version2 = context.registerService(IncentiveRule.class, tally -> 3,
                new java.util.Hashtable<>(java.util.Map.of(IncentiveRule.NAME, "itest-generous")));
        try {
            awaitTrue("the second counts", () -> ledger().path("entries").size() == 2);
        } finally {
            version2.unregister();
        }
        List<Long> earned = new ArrayList<>();
        http.get("/api/agencies/" + agency + "/incentives/ledger", agencyAdmin).json().path("entries")
                .forEach(e -> earned.add(e.path("units").asLong()));
        java.util.Collections.sort(earned);
        assertEquals("each attribution keeps what the rule of its time gave", List.of(2L, 3L), earned);
    }

    @Test
    public void throwAwaySignUpsWithACodeAreThrottledAndThoseThatGetThroughEarnNothingUntilVerifiedOnce() throws Exception {
        // The campaign's rule gives a unit for every counted sign-up, so any counting shows on the ledger at once.
        String rule = "itest-farm-" + run;
        org.osgi.framework.ServiceRegistration<IncentiveRule> generous = context.registerService(IncentiveRule.class, tally -> 1,
                new Hashtable<>(Map.of(IncentiveRule.NAME, rule)));
        enableProbe(agency, agencyAdmin);
        Configuration identity = configAdmin.getConfiguration("org.porchlight.identity", "?");
        java.util.Dictionary<String, Object> shipped = identity.getProperties();
        try {
            JsonNode campaign = http.postJson("/api/agencies/" + agency + "/incentives/campaigns",
                    "{\"name\":\"Farm " + run + "\",\"partner\":\"Doorbell Co\",\"rule\":\"" + rule + "\"}", agencyAdmin).json();
            String codes = "/api/agencies/" + agency + "/incentives/campaigns/" + campaign.path("id").asText() + "/codes";
            String code = http.postJson(codes,
                    "{\"startsAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\""
                            + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}", agencyAdmin).json().path("code").asText();
            shippedSignUpThrottle(identity);

            // 14 throw-away sign-ups in a burst from one subscriber's /64, each from another address in it and
            // with another mailbox: 5 get through, the others are refused with a problem and Retry-After.
            String farm = "2001:db8:" + Integer.toHexString(new java.util.Random().nextInt(0xffff) + 1) + ":"
                    + run.substring(0, 4) + "::";
            List<String> through = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                String mailbox = "farm" + i + "+" + run + "@throwaway" + (i % 3) + ".example";
                Http.Response r = signUp(mailbox, code, farm + Integer.toHexString(i + 1));
                if (r.status() == 202) {
                    through.add(mailbox);
                    continue;
                }
                assertEquals(r.body(), 429, r.status());
                assertEquals("urn:porchlight:problem:too-many-attempts", r.json().path("type").asText());
                assertTrue(Long.parseLong(r.header("Retry-After").orElseThrow()) > 0);
            }
            assertEquals(5, through.size());
            String neighbour = "neighbour-" + run + "@residents.example";
            String elsewhere = "2001:db8:" + run.substring(4, 8) + ":1::5";
            assertEquals("another network is not held up", 202, signUp(neighbour, code, elsewhere).status());
            // Sign-ups of a taken address count like new ones (and are answered the same), so the refusal tells nothing.
            String third = "2001:db8:" + run.substring(4, 8) + ":2::";
            for (int i = 0; i < 5; i++) {
                assertEquals(202, signUp(through.get(0), code, third + (i + 1)).status());
            }
            assertEquals(429, signUp("fresh-" + run + "@residents.example", code, third + "9").status());

            // What got through is pending and earns nothing; the accounts work meanwhile.
            JsonNode ledger = ledger();
            assertEquals(6, ledger.path("attributions").path("pending").asLong());
            assertEquals(0, ledger.path("attributions").path("counted").asLong());
            assertEquals(0, ledger.path("balance").path("earned").asLong());
            String[] farmer = bearer(signIn(through.get(1), PEOPLE_PASSWORD).path("access_token").asText());
            assertEquals("PENDING", http.get("/api/me/referral", farmer).json().path("state").asText());

            // Links that were altered, made up, expired or used are refused, and count nothing.
            String token = mailedToken(through.get(0));
            char last = token.charAt(token.length() - 1);
            for (String forged : List.of(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), token + "A",
                    token.substring(0, token.length() - 1), token.toUpperCase(), "plv_" + "A".repeat(43), sha256(token))) {
                Http.Response refused = verify(forged);
                assertEquals(forged, 400, refused.status());
                assertEquals("urn:porchlight:problem:invalid-verification-link", refused.json().path("type").asText());
            }
            String expired = mailedToken(through.get(2));
            try (java.sql.Connection c = primaryDataSource().getConnection();
                    java.sql.PreparedStatement age = c.prepareStatement(
                            "UPDATE identity.email_verification SET expires_at = ? WHERE token_hash = ?")) {
                age.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
                age.setString(2, sha256(expired));
                assertEquals(1, age.executeUpdate());
            }
            assertEquals(400, verify(expired).status());

            // Followed through the mailed link, a sign-up counts, exactly once, however often the link is used.
            assertEquals(200, verify(token).status());
            awaitTrue("counted", () -> ledger().path("attributions").path("counted").asLong() == 1);
            assertEquals(400, verify(token).status());
            assertEquals(200, verify(mailedToken(neighbour)).status());
            awaitTrue("the neighbour counted", () -> ledger().path("attributions").path("counted").asLong() == 2);
            ledger = ledger();
            assertEquals(4, ledger.path("attributions").path("pending").asLong());
            assertEquals("one unit per counted sign-up, each once", 2, ledger.path("balance").path("earned").asLong());
            assertEquals("COUNTED", http.get("/api/me/referral", bearer(signIn(through.get(0), PEOPLE_PASSWORD)
                    .path("access_token").asText())).json().path("state").asText());

            // The public page shows what counted and what waits.
            JsonNode page = http.get("/api/public/agencies/" + agency + "/transparency").json();
            JsonNode thisMonth = page.path("months").get(page.path("months").size() - 1).path("incentives");
            assertEquals(page.toString(), 2, thisMonth.path("signUpsCounted").asLong());
            assertEquals(4, thisMonth.path("signUpsPending").asLong());
            assertEquals(6, thisMonth.path("signUpsAttributed").asLong());

            // A farmer asking for more mails is throttled too.
            int resent = 0;
            for (int i = 0; i < 5; i++) {
                Http.Response r = http.postJson("/api/auth/verify-email/resend", "{}", farmer);
                assertTrue(r.toString(), r.status() == 202 || r.status() == 429);
                resent += r.status() == 202 ? 1 : 0;
            }
            assertEquals(3, resent);
            assertEquals(409, http.postJson("/api/auth/verify-email/resend", "{}", bearer(signIn(neighbour, PEOPLE_PASSWORD)
                    .path("access_token").asText())).status());
        } finally {
            generous.unregister();
            identity.update(shipped);
            awaitService("(&(objectClass=org.porchlight.identity.SignUpThrottle)(signUpsPerAddress="
                    + Distribution.SIGN_UPS_PER_ADDRESS + "))");
            http.await("/api/setup", r -> r.status() == 200, SWAP_TIMEOUT);
        }
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

    /** Trusts the test client as a proxy (so tests speak from many addresses) and sets the shipped 5 sign-ups per address. */
    private void shippedSignUpThrottle(Configuration identity) throws Exception {
        Configuration rest = configAdmin.getConfiguration("org.porchlight.rest", "?");
        java.util.Dictionary<String, Object> proxies = rest.getProperties() == null ? new Hashtable<>() : rest.getProperties();
        proxies.put("trustedProxies", new String[] {"127.0.0.1"});
        rest.update(proxies);
        java.util.Dictionary<String, Object> settings = identity.getProperties();
        java.util.Dictionary<String, Object> lowered = new Hashtable<>();
        for (var keys = settings.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            lowered.put(key, settings.get(key));
        }
        lowered.put("signUpsPerAddress", 5);
        identity.update(lowered);
        awaitService("(&(objectClass=org.porchlight.api.rest.ClientAddresses)(trustedProxies=127.0.0.1))");
        awaitService("(&(objectClass=org.porchlight.identity.SignUpThrottle)(signUpsPerAddress=5))");
        http.await("/api/setup", r -> r.status() == 200, SWAP_TIMEOUT);
        http.await("/api/auth/jwks.json", r -> r.status() == 200, SWAP_TIMEOUT);
    }

    private Http.Response signUp(String email, String code, String clientAddress) {
        return http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PEOPLE_PASSWORD
                + "\",\"displayName\":\"R\",\"referralCode\":\"" + code + "\"}", "X-Forwarded-For", clientAddress);
    }

    private Http.Response verify(String token) {
        return http.postJson("/api/auth/verify-email", "{\"token\":\"" + token + "\"}");
    }

    /** The token in the latest verification mail to {@code email}, as the resident reads it. */
    private static String mailedToken(String email) throws Exception {
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] received = smtp.getReceivedMessages();
            for (int i = received.length - 1; i >= 0; i--) {
                if (email.equalsIgnoreCase(received[i].getAllRecipients()[0].toString())) {
                    Matcher token = TOKEN.matcher(GreenMailUtil.getBody(received[i]));
                    if (token.find()) {
                        return token.group();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no verification mail to " + email);
    }

    private JsonNode ledger() {
        return http.get("/api/agencies/" + agency + "/incentives/ledger", agencyAdmin).json();
    }

    private static long sum(JsonNode list, String field) {
        long total = 0;
        for (JsonNode item : list) {
            total += item.path(field).asLong();
        }
        return total;
    }

    private static String sha256(String value) throws Exception {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void awaitService(String filter) throws Exception {
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (context.getServiceReferences((String) null, filter) == null) {
            assertTrue("no service matches " + filter, System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue("not within " + SWAP_TIMEOUT + ": " + what, System.nanoTime() < deadline);
            Thread.sleep(50);
        }
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
