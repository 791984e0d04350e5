package org.porchlight.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLSocketFactory;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.mail.MailException;
import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the operator's SMTP server, one connection per message. Only while
 * {@code etc/org.porchlight.mail.smtp.cfg} exists: without it there is no Mailer at all, and
 * bundles that need one say that e-mail is not available.
 *
 * <p>Recipients and message text are personal data (one-time codes, addresses from a registry):
 * neither the log nor a {@link MailException} ever holds them, nor the server's replies, which
 * often quote the address.
 */
// Immediate: a configuration is checked, and a mistake reported (log, /api/health), when it arrives
// rather than when a bundle first asks for the Mailer. DS registers the service before activating,
// so while the configuration is wrong a Mailer is listed but getting it returns null.
@Component(service = Mailer.class, immediate = true, configurationPid = SmtpConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmtpConfiguration.class)
public class SmtpMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpSettings settings;
    private final Session session;

    @Activate
    public SmtpMailer(SmtpConfiguration config) {
        this(config, System::getenv, null);
    }

    /**
     * @param environment where {@code PORCHLIGHT_SMTP_PASSWORD} comes from
     * @param sslSockets  for TLS, instead of the JVM's trust store; {@code null} in production
     */
    SmtpMailer(SmtpConfiguration config, UnaryOperator<String> environment, SSLSocketFactory sslSockets) {
        this.settings = SmtpSettings.of(config, environment);
        // Jakarta Mail finds Angus with java.util.ServiceLoader. Inside OSGi the service loader
        // mediator (SPI Fly) weaves those calls in jakarta.mail-api, so that works whatever the
        // calling thread's context class loader is (the API also asks hk2's resource locator).
        this.session = Session.getInstance(settings.sessionProperties(sslSockets));
        LOG.info("E-mail goes through {} ({}) from {}{}", settings.describe(), settings.tls().name().toLowerCase(Locale.ROOT),
                settings.from().getAddress(), settings.username().isEmpty() ? "" : ", signing in");
    }

    @Override
    public void send(MailMessage message) {
        long started = System.nanoTime();
        try {
            deliver(message);
        } catch (MessagingException e) {
            MailException failure = SmtpFailure.describe(e, settings);
            LOG.warn("E-mail not sent: {}", failure.getMessage());
            throw failure;
        }
        LOG.debug("E-mail accepted by {} in {} ms", settings.describe(), (System.nanoTime() - started) / 1_000_000);
    }

    private void deliver(MailMessage message) throws MessagingException {
        MimeMessage mime = compose(message);
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect(settings.host(), settings.port(),
                    settings.username().isEmpty() ? null : settings.username(),
                    settings.username().isEmpty() ? null : settings.password());
            transport.sendMessage(mime, mime.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The server has accepted the message (or the failure is already on its way): a failed QUIT changes nothing.
                LOG.debug("Closing the connection to {} failed: {}", settings.describe(), e.getClass().getSimpleName());
            }
        }
    }

    private MimeMessage compose(MailMessage message) throws MessagingException {
        InternetAddress to;
        try {
            to = new InternetAddress(message.to());
        } catch (AddressException e) {
            // Its message quotes the address.
            throw new UnusableRecipient();
        }
        MimeMessage mime = new OutgoingMessage(session, "<" + UUID.randomUUID() + "@" + settings.fromDomain() + ">");
        mime.setFrom(settings.from());
        mime.setRecipient(Message.RecipientType.TO, to);
        mime.setSubject(message.subject(), "UTF-8");
        mime.setSentDate(new Date());
        // A machine sends these: auto-responders (RFC 3834) should not answer.
        mime.setHeader("Auto-Submitted", "auto-generated");
        // The text as bytes we encoded: no lookup of a content handler through the activation
        // framework's mailcap files, which inside OSGi depends on class loaders. Text is CRLF on the wire.
        String text = message.text().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        mime.setDataHandler(new DataHandler(new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8")));
        mime.saveChanges();
        return mime;
    }

    /** A Message-ID of our own: the default one carries this machine's host name and how many messages it sent. */
    private static final class OutgoingMessage extends MimeMessage {

        private final String messageId;

        OutgoingMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** The recipient could not be written as an address header; says so without quoting it. */
    static final class UnusableRecipient extends MessagingException {

        private static final long serialVersionUID = 1L;

        UnusableRecipient() {
            super("The recipient is not an address that can be sent to");
        }
    }
}
