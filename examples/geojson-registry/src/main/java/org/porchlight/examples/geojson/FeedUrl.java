package org.porchlight.examples.geojson;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A feed published at an http(s) URL, fetched whole at every sync. */
final class FeedUrl implements FeedLocation {

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final long maxBytes;

    /** @param maxBytes at most {@link GeoJsonSource#MAX_BYTES}, so that one more byte still fits in an array */
    FeedUrl(URI uri, Duration timeout, long maxBytes) {
        // Redirects are followed, except from https to http (NORMAL).
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.uri = uri;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] read() throws IOException, InvalidFeedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/geo+json, application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the feed", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("the feed URL answered HTTP " + response.statusCode());
            }
            // One byte more than allowed tells a feed that is too large without reading all of it.
            byte[] feed = body.readNBytes((int) maxBytes + 1);
            if (feed.length > maxBytes) {
                throw new InvalidFeedException("the feed has more than maxBytes (" + maxBytes + ") bytes");
            }
            return feed;
        }
    }
}
