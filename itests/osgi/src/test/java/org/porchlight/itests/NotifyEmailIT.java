package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.UUID;


import jakarta.mail.internet.MimeMessage;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.MailSettings;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

/**
 * The e-mail channel against a real SMTP server (GreenMail) through the real mail-smtp bundle: it
 * exists only while e-mail is configured, mails a notification to the account's address once,
 * skips an account without contact details, and retries while the mail server is down.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotifyEmailIT extends NotificationTestSupport {

    private static final String EMAIL_CHANNEL = "(" + NotificationChannel.NAME + "=email)";


    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(),
                org.ops4j.pax.exam.CoreOptions.mavenBundle("com.icegreen", "greenmail", "2.1.13"));
    }

    @Test
    public void aNotificationToAnAccountIsMailedToItsAddressOnceAndRetriedWhileTheServerIsDown() throws Exception {
        quickRetries(null);
        assertTrue("no e-mail channel without a mail server", references(EMAIL_CHANNEL).isEmpty());

        int port = Distribution.freePort();
        GreenMail smtp = MailSettings.startSmtp(port);
        Configuration mail = configAdmin.getConfiguration("org.porchlight.mail.smtp", "?");
        try {
            mail.update(MailSettings.smtp(port));
            service(Mailer.class, null);
            awaitTrue("the e-mail channel arrives with the mail server", () -> !references(EMAIL_CHANNEL).isEmpty());

            String address = "mail-" + run + "@residents.example";
            String[] resident = residentSession(address);
            UUID account = UUID.fromString(http.get("/api/me", resident).json().path("id").asText());
            // Signing up mailed the address its verification token; what follows counts notifications only.
            assertTrue("the verification mail", smtp.waitForIncomingEmail(20_000, 1));
            smtp.purgeEmailFromAllMailboxes();

            String key = "itest.mail:" + run;
            UUID stranger = UUID.randomUUID(); // no contact details anywhere: skipped, not retried
            enqueue(new Notification(key, Recipient.account(account), "itest.mail", "Your footage request",
                    "An agency asks for footage of last night.", Map.of()),
                    new Notification(key, Recipient.account(stranger), "itest.mail", "Your footage request", "", Map.of()),
                    new Notification(key, Recipient.agency("KCPD"), "itest.mail", "For the agency", "", Map.of()));

            assertTrue("mailed", smtp.waitForIncomingEmail(20_000, 1));
            MimeMessage sent = smtp.getReceivedMessages()[0];
            assertEquals(address, sent.getAllRecipients()[0].toString());
            assertEquals("[Porchlight] Your footage request", sent.getSubject());
            String body = GreenMailUtil.getBody(sent);
            assertTrue(body, body.contains("Hello R,") && body.contains("An agency asks for footage of last night."));
            awaitTrue("both deliveries done", () -> rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON "
                    + "n.id = d.notification_id WHERE n.notify_key = '" + key + "' AND d.channel = 'email' AND d.state = 'DELIVERED'") == 2);
            assertEquals("e-mail goes to accounts only", 0, rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON "
                    + "n.id = d.notification_id WHERE n.notify_key = '" + key + "' AND n.recipient LIKE 'agency:%'"));
            Thread.sleep(2_000);
            assertEquals("once, and nothing for the account without an address", 1, smtp.getReceivedMessages().length);

            // The mail server goes down: the message waits and goes out once it is back.
            smtp.stop();
            String later = "itest.mail-later:" + run;
            enqueue(new Notification(later, Recipient.account(account), "itest.mail", "While the server was down", "Still here.",
                    Map.of()));
            awaitTrue("a try failed", () -> rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON "
                    + "n.id = d.notification_id WHERE n.notify_key = '" + later + "' AND d.state = 'PENDING' AND d.attempts >= 1 "
                    + "AND d.last_error IS NOT NULL") == 1);
            smtp = MailSettings.startSmtp(port);
            assertTrue("mailed after the server came back", smtp.waitForIncomingEmail(20_000, 1));
            assertEquals("While the server was down", smtp.getReceivedMessages()[0].getSubject().replace("[Porchlight] ", ""));
        } finally {
            mail.delete();
            smtp.stop();
        }
        awaitTrue("the channel leaves with the mail server", () -> references(EMAIL_CHANNEL).isEmpty());
    }

    @Test
    public void mailConfiguredLateSendsOnlyTheFreshActionableNotificationsAndMarksTheOthersSkipped() throws Exception {
        quickRetries(null);
        awaitTrue("no e-mail channel without a mail server", () -> references(EMAIL_CHANNEL).isEmpty());
        String[] admin = asAdmin();
        String code = "L" + run.substring(0, 7).toUpperCase(java.util.Locale.ROOT);
        agency(code, admin);
        String[] officer = staffSession(code, "officer-" + run + "@late.example", "OFFICER", admin);
        String address = "late-" + run + "@residents.example";
        String[] resident = residentSession(address);
        UUID account = accountOf(resident);
        registerCamera(resident);

        // While there is no mail server: asked twice (one request is closed since), one fresh notice, one two hours old.
        String closed = activeRequest(code, "2026-C" + run, officer);
        String open = activeRequest(code, "2026-O" + run, officer);
        assertEquals("CLOSED", http.send("POST", "/api/agencies/" + code + "/requests/" + closed + "/close", null, null, officer).json()
                .path("state").asText());
        String fresh = "itest.late-fresh:" + run;
        String old = "itest.late-old:" + run;
        enqueue(new Notification(fresh, Recipient.account(account), "itest.late", "Fresh news", "Still worth knowing.", Map.of()),
                new Notification(old, Recipient.account(account), "itest.late", "Old news", "From two hours ago.", Map.of()));
        awaitTrue("all four in the inbox", () -> rows("SELECT COUNT(*) FROM notify.inbox_item WHERE account_id = '" + account + "'") == 4);
        try (java.sql.Connection c = primaryDataSource().getConnection(); var s = c.prepareStatement(
                "UPDATE notify.notification SET created_at = ? WHERE notify_key = ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
            s.setString(2, old);
            assertEquals(1, s.executeUpdate());
        }

        int port = Distribution.freePort();
        GreenMail smtp = MailSettings.startSmtp(port);
        Configuration mail = configAdmin.getConfiguration("org.porchlight.mail.smtp", "?");
        try {
            mail.update(MailSettings.smtp(port));
            awaitTrue("every delivery to the resident decided", () -> rows("SELECT COUNT(*) FROM notify.delivery d JOIN "
                    + "notify.notification n ON n.id = d.notification_id WHERE n.recipient = 'account:" + account + "' AND d.channel = "
                    + "'email' AND d.state IN ('DELIVERED', 'SKIPPED')") == 4);
            assertEquals("the closed request's", 1, rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON "
                    + "n.id = d.notification_id WHERE n.notify_key = 'footage-request:" + closed + "' AND d.state = 'SKIPPED' "
                    + "AND d.skip_reason LIKE 'not-actionable%'"));
            assertEquals("the old one", 1, rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON "
                    + "n.id = d.notification_id WHERE n.notify_key = '" + old + "' AND d.state = 'SKIPPED' AND d.skip_reason LIKE 'too-old%'"));
            assertEquals("the open request's and the fresh one", 2, rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n "
                    + "ON n.id = d.notification_id WHERE n.notify_key IN ('footage-request:" + open + "', '" + fresh + "') "
                    + "AND d.state = 'DELIVERED'"));
            Thread.sleep(2_000);
            java.util.List<String> subjects = new java.util.ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    subjects.add(m.getSubject());
                }
            }
            assertEquals(subjects.toString(), 2, subjects.size());
            assertTrue(subjects.toString(), subjects.contains("[Porchlight] Fresh news"));
            assertTrue(subjects.toString(), !subjects.contains("[Porchlight] Old news"));
        } finally {
            mail.delete();
            smtp.stop();
        }
        awaitTrue("the channel leaves with the mail server", () -> references(EMAIL_CHANNEL).isEmpty());
    }
}
