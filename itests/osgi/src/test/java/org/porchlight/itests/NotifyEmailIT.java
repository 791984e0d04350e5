package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
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

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

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
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Configuration mail = configAdmin.getConfiguration("org.porchlight.mail.smtp", "?");
        try {
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("host", "127.0.0.1");
            settings.put("port", port);
            settings.put("from", "porchlight@itest.example");
            settings.put("tls", "none");
            mail.update(settings);
            service(Mailer.class, null);
            awaitTrue("the e-mail channel arrives with the mail server", () -> !references(EMAIL_CHANNEL).isEmpty());

            String address = "mail-" + run + "@residents.example";
            String[] resident = residentSession(address);
            UUID account = UUID.fromString(http.get("/api/me", resident).json().path("id").asText());

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
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            assertTrue("mailed after the server came back", smtp.waitForIncomingEmail(20_000, 1));
            assertEquals("While the server was down", smtp.getReceivedMessages()[0].getSubject().replace("[Porchlight] ", ""));
        } finally {
            mail.delete();
            smtp.stop();
        }
        awaitTrue("the channel leaves with the mail server", () -> references(EMAIL_CHANNEL).isEmpty());
    }




}
