package org.porchlight.api.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends e-mail. Registered only while delivery is configured: a bundle that needs it and finds
 * none should answer that e-mail is not available rather than pretend it sent.
 */
@ProviderType
public interface Mailer {

    /**
     * Sends a plain-text message; returns once the mail server accepted it.
     *
     * @throws MailException if the server could not be reached or refused the message
     */
    void send(MailMessage message);
}
