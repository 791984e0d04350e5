package org.porchlight.notify.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Factory PID {@code org.porchlight.notify.webhook}: one configuration per endpoint, e.g.
 * {@code etc/org.porchlight.notify.webhook-kcpd.cfg}. The secret never sits in the configuration
 * (which Config Admin shows to anyone who may read it): it comes from a file or an environment variable.
 */
@ObjectClassDefinition(name = "Porchlight webhook of an agency",
        description = "Where notifications to an agency are POSTed, as JSON signed with HMAC-SHA256.")
public @interface WebhookConfiguration {

    String PID = "org.porchlight.notify.webhook";

    @AttributeDefinition(description = "The agency's short code, e.g. KCPD")
    String agency();

    @AttributeDefinition(description = "The endpoint, https://...; plain http only to this machine (127.0.0.1, ::1, localhost), "
            + "which the platform must allow (org.porchlight.outbound, allowedRanges)")
    String url();

    @AttributeDefinition(required = false, description = "File holding the signing secret (at least 16 characters); read at "
            + "every delivery, so replacing the file rotates the secret")
    String secretFile() default "";

    @AttributeDefinition(required = false, description = "Environment variable holding the signing secret, if not secretFile")
    String secretVariable() default "";

    @AttributeDefinition(required = false, description = "Topics to send, e.g. footage-request.*; empty: every topic")
    String[] topics() default {};

    @AttributeDefinition(min = "1", description = "Seconds to wait for the connection")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(min = "1", description = "Seconds to wait for the whole answer; keep it well below the outbox's leaseSeconds")
    int timeoutSeconds() default 10;
}
