package org.porchlight.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the REST core, PID {@value #PID}. */
@ObjectClassDefinition(name = "Porchlight REST core", description = "Limits and health reporting of the /api endpoints.")
public @interface RestConfiguration {

    String PID = "org.porchlight.rest";

    @AttributeDefinition(min = "1", description = "Largest request body accepted, in bytes; larger bodies get 413.")
    long maxRequestBytes() default 1_048_576;

    @AttributeDefinition(min = "0", description = "How long a health report is reused, in milliseconds, so that "
            + "frequent probes do not load the database.")
    long healthCacheMillis() default 1000;

    @AttributeDefinition(min = "100", description = "How long each health check may take, in milliseconds, before it counts as down.")
    long healthCheckTimeoutMillis() default 2000;

    @AttributeDefinition(description = "Health checks that must be present for the server to be UP.")
    String[] requiredHealthChecks() default {"database", "plugins"};

    @AttributeDefinition(name = "Trusted proxies", description = "IP addresses or CIDR blocks (10.0.0.0/8, 2001:db8::/32) of the "
            + "reverse proxies and load balancers in front of the server. Only from these is X-Forwarded-For read, and "
            + "the right-most address in it that is not one of them is the client. Empty: the header is ignored and "
            + "the socket's peer is the client.")
    String[] trustedProxies() default {};

    @AttributeDefinition(name = "Redirect to HTTPS", description = "Send GET and HEAD requests over plain HTTP to the same "
            + "address over HTTPS (301) and refuse other methods over plain HTTP (403 https-required); /api/health is "
            + "exempt. Needs HTTPS on this server (etc/config.properties) or trusted proxies that send X-Forwarded-Proto.")
    boolean httpsRedirect() default false;

    @AttributeDefinition(name = "HTTPS port of redirects", min = "0", max = "65535", description = "Port of the HTTPS "
            + "address redirected to. 0: this server's own HTTPS port for requests straight to it, 443 for requests "
            + "through a trusted proxy.")
    int httpsPort() default 0;

    @AttributeDefinition(name = "HSTS max-age", min = "0", description = "Seconds a browser keeps to HTTPS for this host "
            + "after an answer over HTTPS (Strict-Transport-Security); 0 sends no such header.")
    long hstsMaxAgeSeconds() default 31_536_000;

    @AttributeDefinition(name = "HSTS for subdomains", description = "Whether Strict-Transport-Security covers every "
            + "subdomain of the host too (only if they all speak HTTPS).")
    boolean hstsIncludeSubDomains() default false;
}
