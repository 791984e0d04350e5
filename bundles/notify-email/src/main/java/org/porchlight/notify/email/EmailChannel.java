package org.porchlight.notify.email;

import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.api.security.ContactDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel {@code email}: a notification to an account is mailed to the account's sign-in
 * address. It is registered only while a {@link Mailer} and {@link ContactDetails} are (both
 * mandatory references), so notifications fanned out while e-mail is not configured are not
 * mailed later. Both references are dynamic: a reconfigured mail server is picked up without the
 * channel going away.
 *
 * <p>Addresses, names and texts are personal data: the log names deliveries by id only. An account
 * that no longer exists, or whose address cannot be used, is skipped (not retried); a mail server
 * that fails is retried by the outbox with back-off.
 */
@Component(service = NotificationChannel.class, property = NotificationChannel.NAME + "=" + EmailChannel.CHANNEL,
        configurationPid = EmailConfiguration.PID)
@Designate(ocd = EmailConfiguration.class)
public class EmailChannel implements NotificationChannel {

    static final String CHANNEL = "email";
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    @Reference(policy = ReferencePolicy.DYNAMIC)
    private volatile Mailer mailer;

    @Reference(policy = ReferencePolicy.DYNAMIC)
    private volatile ContactDetails contacts;

    private final TopicFilter topics;
    private final String subjectPrefix;

    @Activate
    public EmailChannel(EmailConfiguration config) {
        this.topics = TopicFilter.of(config.topics());
        this.subjectPrefix = config.subjectPrefix() == null ? "" : config.subjectPrefix().replaceAll("[\\r\\n]", "").strip();
    }

    @Override
    public boolean accepts(Notification notification) {
        return notification.recipient().account() != null && topics.matches(notification.topic());
    }

    @Override
    public void deliver(Delivery delivery) {
        UUID account = delivery.notification().recipient().account();
        Optional<ContactDetails.Contact> contact = contacts.contactOf(account);
        if (contact.isEmpty()) {
            LOG.info("Delivery {} by e-mail skipped: the account does not exist or is disabled", delivery.id());
            return;
        }
        MailMessage message;
        try {
            message = message(delivery.notification(), contact.get(), subjectPrefix);
        } catch (IllegalArgumentException unusable) {
            // Retrying cannot help: the address on file is not one a message can go to.
            LOG.warn("Delivery {} by e-mail skipped: the account's address cannot be used", delivery.id());
            return;
        }
        mailer.send(message); // a MailException is retried by the outbox
    }

    /** The message: the title as subject, the text with a greeting and a note that it is in the inbox too. */
    static MailMessage message(Notification n, ContactDetails.Contact contact, String subjectPrefix) {
        String subject = subjectPrefix.isEmpty() ? n.title() : subjectPrefix + " " + n.title();
        if (subject.length() > 200) {
            subject = subject.substring(0, 199) + "…";
        }
        String name = contact.displayName() == null || contact.displayName().isBlank() ? "" : " " + contact.displayName().strip();
        String text = "Hello" + name + ",\n\n" + n.text() + "\n\n-- \nPorchlight. You find this message in your inbox, too.\n";
        if (text.length() > 100_000) {
            text = text.substring(0, 99_999) + "…";
        }
        return new MailMessage(contact.email(), subject, text);
    }
}
