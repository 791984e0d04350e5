package org.porchlight.api.mail;

/** A message could not be handed to the mail server. The message says why, never the recipient. */
public class MailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
