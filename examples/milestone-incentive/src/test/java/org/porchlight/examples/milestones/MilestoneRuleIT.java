package org.porchlight.examples.milestones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.testing.plugin.PortalClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The signed rule in the real distribution, configured as {@code spring-milestones} (2 units at the 2nd and the 3rd
 * sign-up, at most 3 a year), and a mail server on loopback for the residents' verification links. The agency admin
 * starts a campaign that names the rule and makes a referral code; residents sign up with the code and follow their
 * links; the agency's ledger shows what the rule awarded.
 */
class MilestoneRuleIT {

    private static final String RULE = "spring-milestones";
    private static final String INCENTIVES = "/api/agencies/" + PorchlightServer.AGENCY + "/incentives";
    private static final Pattern TOKEN = Pattern.compile("plv_[A-Za-z0-9_-]{43}");
    private static final long WAIT_MILLIS = 30_000;

    private static GreenMail mail;
    private static PorchlightServer server;

    @BeforeAll
    static void start() {
        int smtpPort = PorchlightServer.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        server = PorchlightServer.builder()
                .configuration("org.porchlight.examples.milestones-spring.cfg", "porchlight.incentive.rule = " + RULE
                        + "\nmilestones = 2, 3\nunitsPerMilestone = 2\nmaxUnitsPerYear = 3\n")
                .configuration("org.porchlight.mail.smtp.cfg", "host = 127.0.0.1\nport = " + smtpPort
                        + "\nfrom = noreply@plugin-test.example\ntls = none\n")
                .start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aCampaignThatNamesTheRuleEarnsAtItsMilestonesUpToTheYearlyCap() throws Exception {
        PortalClient.Response campaign = server.agencyAdmin().post(INCENTIVES + "/campaigns",
                Map.of("name", "Spring doorbells", "partner", "Doorbell Co", "rule", RULE));
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        assertThat(campaign.json().path("rule").asText()).isEqualTo(RULE);
        PortalClient.Response code = server.agencyAdmin().post(INCENTIVES + "/campaigns/" + campaign.json().path("id").asText()
                + "/codes", Map.of("label", "flyer", "startsAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                        "endsAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()));
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        String referralCode = code.json().path("display").asText();

        signUpAndVerify("neighbour-1@residents.plugin-test.example", referralCode);
        JsonNode first = awaitLedger(l -> counted(l) == 1);
        assertThat(first.path("balance").path("earned").asLong()).as(first.toString()).isZero();

        signUpAndVerify("neighbour-2@residents.plugin-test.example", referralCode);
        JsonNode second = awaitLedger(l -> counted(l) == 2);
        assertThat(second.path("balance").path("earned").asLong()).as(second.toString()).isEqualTo(2);

        signUpAndVerify("neighbour-3@residents.plugin-test.example", referralCode);
        JsonNode ledger = awaitLedger(l -> counted(l) == 3);
        assertThat(ledger.path("balance").path("earned").asLong()).as("capped at 3 a year: " + ledger).isEqualTo(3);
        assertThat(ledger.findValuesAsText("rule")).containsOnly(RULE);
        assertThat(ledger.path("entries").findValuesAsText("units")).containsExactlyInAnyOrder("2", "1");
    }

    @Test
    void theServerRunsThePluginAsSignedByItsVendor() {
        PortalClient.Response modules = server.platformAdmin().get("/api/admin/modules");
        assertThat(modules.status()).as(modules.toString()).isEqualTo(200);
        JsonNode module = StreamSupport.stream(modules.json().path("modules").spliterator(), false)
                .filter(m -> "org.porchlight.examples.milestones".equals(m.path("symbolicName").asText())).findFirst()
                .orElseThrow();
        assertThat(module.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(module.path("provenance").asText()).isEqualTo("vendor");
        assertThat(module.path("publisher").asText()).isEqualTo("porchlight-examples");
    }

    /** A resident signs up with the code and follows the link mailed to them, which counts the sign-up. */
    private static void signUpAndVerify(String email, String referralCode) throws Exception {
        PortalClient.Response signedUp = server.anonymous().post("/api/accounts", Map.of("email", email,
                "password", PorchlightServer.PASSWORD, "displayName", "Neighbour", "referralCode", referralCode));
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(202);
        PortalClient.Response verified = server.anonymous().post("/api/auth/verify-email", Map.of("token", mailedToken(email)));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }

    private static String mailedToken(String email) throws MessagingException, InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (email.equalsIgnoreCase(message.getAllRecipients()[0].toString())) {
                    Matcher token = TOKEN.matcher(GreenMailUtil.getBody(message));
                    if (token.find()) {
                        return token.group();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no verification mail to " + email);
    }

    private static long counted(JsonNode ledger) {
        return ledger.path("attributions").path("counted").asLong();
    }

    /**
     * The agency's ledger once it satisfies {@code until}: counting follows the verification on another thread. Read
     * again then, because the ledger's answer reads the balance before the counts, each in a statement of its own: the
     * first answer that shows the new count may still show the balance from before it.
     */
    private static JsonNode awaitLedger(Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        PortalClient.Response ledger = null;
        while (System.currentTimeMillis() < deadline) {
            ledger = server.agencyAdmin().get(INCENTIVES + "/ledger");
            if (ledger.status() == 200 && until.test(ledger.json())) {
                return server.agencyAdmin().get(INCENTIVES + "/ledger").json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ledger did not get there; last: " + ledger);
    }
}
