package org.porchlight.mail.smtp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** PID {@code org.porchlight.mail.smtp}, from {@code etc/org.porchlight.mail.smtp.cfg}. */
@ObjectClassDefinition(
        name = "Porchlight e-mail (SMTP)",
        description = "The mail server that one-time codes and notices go through. Without this configuration there is "
                + "no Mailer service, and features that need e-mail answer that it is not available.")
public @interface SmtpConfiguration {

    String PID = "org.porchlight.mail.smtp";

    String PASSWORD_VARIABLE = "PORCHLIGHT_SMTP_PASSWORD";

    @AttributeDefinition(description = "Host name or address of the SMTP server, e.g. smtp.example.org")
    String host();

    @AttributeDefinition(min = "1", max = "65535", description = "Port: 587 for submission with STARTTLS, 465 for smtps, "
            + "25 for a relay on this machine")
    int port() default 587;

    @AttributeDefinition(description = "Sender address, e.g. noreply@example.org or Porchlight <noreply@example.org>")
    String from();

    @AttributeDefinition(required = false, description = "User name to sign in to the server with. Empty: no sign-in")
    String username() default "";

    /** Key {@code .password}: a private property, never copied to the Mailer's service properties. */
    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Password for the user name. Empty: the environment variable " + PASSWORD_VARIABLE)
    String _password() default "";

    @AttributeDefinition(name = "TLS", description = "Transport security: starttls (upgrade on connect, refuse servers that cannot), "
            + "smtps (TLS from the first byte), none (only for a server on this machine)",
            options = {
                @Option(value = "starttls", label = "STARTTLS, required (usually port 587)"),
                @Option(value = "smtps", label = "Implicit TLS (usually port 465)"),
                @Option(value = "none", label = "None: only for a server on the loopback address")
            })
    String tls() default "starttls";

    @AttributeDefinition(min = "1", description = "Seconds to wait for the connection to the server")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(min = "1", description = "Seconds to wait for each answer of the server")
    int readTimeoutSeconds() default 30;
}
