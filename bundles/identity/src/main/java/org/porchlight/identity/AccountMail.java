package org.porchlight.identity;

import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The identity bundle's mails to an account's address (verification links, password resets), sent best effort. */
final class AccountMail {

    private static final Logger LOG = LoggerFactory.getLogger(AccountMail.class);

    private AccountMail() {
    }

    /** Sends the mail if e-mail is configured; a failure is logged without the address or the text. */
    static void send(Mailer mailer, String email, String subject, String text) {
        if (mailer == null) {
            return;
        }
        try {
            mailer.send(new MailMessage(Directory.normalise(email), subject, text));
        } catch (RuntimeException e) {
            // Neither the address nor a token: the log must not hold either.
            LOG.warn("A mail about an account could not be sent ({}): {}", subject, e.getClass().getSimpleName());
        }
    }
}
