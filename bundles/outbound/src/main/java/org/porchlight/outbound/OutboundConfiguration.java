package org.porchlight.outbound;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.outbound}, e.g. {@code etc/org.porchlight.outbound.cfg}: what outbound connections may reach. */
@ObjectClassDefinition(name = "Porchlight outbound connections",
        description = "Addresses that feeds, webhooks and plugins' outbound requests may connect to besides public ones")
public @interface OutboundConfiguration {

    String PID = "org.porchlight.outbound";

    @AttributeDefinition(name = "Allowed ranges", required = false,
            description = "Address ranges (CIDR, comma-separated) the server may connect to although they are loopback, "
                    + "private, link-local or its own, e.g. 10.20.0.0/16,127.0.0.1/32. Empty: public addresses only")
    String[] allowedRanges() default {};
}
