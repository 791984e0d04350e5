package org.porchlight.examples.geojson;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.outbound.OutboundRequest;
import org.porchlight.api.outbound.OutboundResponse;
import org.porchlight.api.outbound.RefusedAddressException;

/**
 * A feed published at an http(s) URL, fetched whole at every sync through the platform's
 * {@link OutboundHttp}: the URL is a setting, so it goes only where the platform allows (public
 * addresses, and ranges its admin allows), checked at the connection and at every redirect.
 */
final class FeedUrl implements FeedLocation {

    private final OutboundHttp http;
    private final URI uri;
    private final Duration timeout;
    private final long maxBytes;

    /** @param maxBytes at most {@link GeoJsonSource#MAX_BYTES}, so that one more byte still fits in an array */
    FeedUrl(OutboundHttp http, URI uri, Duration timeout, long maxBytes) {
        this.http = http;
        this.uri = uri;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] read() throws IOException, InvalidFeedException {
        // Up to 5 redirects, each checked, never from https to http.
        OutboundRequest request = OutboundRequest.get(uri).withTimeouts(timeout, timeout, timeout)
                .withHeader("Accept", "application/geo+json, application/json");
        try (OutboundResponse response = http.send(request); InputStream body = response.body()) {
            if (response.status() / 100 != 2) {
                throw new IOException("the feed URL answered HTTP " + response.status());
            }
            // One byte more than allowed tells a feed that is too large without reading all of it.
            byte[] feed = body.readNBytes((int) maxBytes + 1);
            if (feed.length > maxBytes) {
                throw new InvalidFeedException("the feed has more than maxBytes (" + maxBytes + ") bytes");
            }
            return feed;
        } catch (RefusedAddressException refused) {
            throw new IOException(refused.reason("the feed's"), refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the feed", e);
        }
    }
}
