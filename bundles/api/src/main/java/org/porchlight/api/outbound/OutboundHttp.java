package org.porchlight.api.outbound;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's HTTP client for places that settings name (feeds, webhooks): it connects only to
 * addresses {@link OutboundAddresses} allows, checking each address it connects to after resolving
 * the name, and follows redirects itself, checking every hop the same way. A redirect from
 * {@code https} to {@code http} is refused; one to another scheme too. A service of the platform.
 */
@ProviderType
public interface OutboundHttp {

    /**
     * Sends {@code request} and returns once the answer's headers are in (after any redirects it
     * follows). The caller reads and closes the body.
     *
     * @throws RefusedAddressException if the request or one of its redirects would have connected to
     *         an address the platform does not connect to; nothing was sent there
     * @throws java.net.http.HttpTimeoutException if a timeout of the request ran out
     * @throws IOException if the place cannot be reached, or a redirect is refused (too many, a
     *         downgrade from https to http, no or a bad {@code Location})
     */
    OutboundResponse send(OutboundRequest request) throws IOException, InterruptedException;
}
