package org.porchlight.api.outbound;

import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The answer to an {@link OutboundRequest}, its headers read and its body still on its way. Close
 * it when done: closing before the end of the body abandons the rest and the connection.
 */
@ProviderType
public interface OutboundResponse extends Closeable {

    /** The HTTP status, e.g. 200, 304. */
    int status();

    /** The first value of the header {@code name} (case-insensitive), if the answer has it. */
    Optional<String> header(String name);

    /** The URL that answered: the request's, or where its redirects led. */
    URI uri();

    /**
     * The body as it arrives. A read that waits longer than the request's idle timeout, or past its
     * overall timeout, throws a {@link java.net.http.HttpTimeoutException}.
     */
    InputStream body();
}
