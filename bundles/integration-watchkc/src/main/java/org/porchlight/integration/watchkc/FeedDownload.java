package org.porchlight.integration.watchkc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.outbound.OutboundRequest;
import org.porchlight.api.outbound.OutboundResponse;
import org.porchlight.api.outbound.RefusedAddressException;

/**
 * A conditional GET of a feed into a file, at most {@code maxBytes}, through the platform's
 * {@link OutboundHttp}: it connects only to addresses the platform allows, checked after name
 * resolution and at each redirect. The read timeout bounds the wait for the response and then for
 * each further piece of the body, so a server that stalls mid-body cannot hold the sync for ever.
 */
final class FeedDownload {

    /** Redirects followed, each checked like the first request. */
    static final int MAX_REDIRECTS = 5;

    /**
     * What the server answered.
     *
     * @param notModified 304: the file was not written
     * @param etag the ETag to send back next time, empty if none
     * @param lastModified the Last-Modified to send back next time, empty if none
     */
    record Response(boolean notModified, String etag, String lastModified) {
    }

    private final OutboundHttp http;
    private final URI url;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxBytes;

    FeedDownload(OutboundHttp http, URI url, Duration connectTimeout, Duration readTimeout, long maxBytes) {
        this.http = http;
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    /**
     * Fetches the feed into {@code target}, sending {@code etag} and {@code lastModified} (each may be
     * empty) as If-None-Match and If-Modified-Since.
     *
     * @throws IOException naming the status for an answer other than 2xx or 304, or the refused
     *         address and its kind if the feed (or a redirect) leads where the server does not connect
     * @throws InvalidFeedException if the body is larger than {@code maxBytes}
     */
    Response fetch(String etag, String lastModified, Path target)
            throws IOException, InterruptedException, InvalidFeedException {
        OutboundRequest request = OutboundRequest.get(url).withTimeouts(connectTimeout, null, readTimeout)
                .withMaxRedirects(MAX_REDIRECTS);
        if (!etag.isEmpty()) {
            request = request.withHeader("If-None-Match", etag);
        }
        if (!lastModified.isEmpty()) {
            request = request.withHeader("If-Modified-Since", lastModified);
        }
        try (OutboundResponse response = http.send(request)) {
            int status = response.status();
            if (status == 304) {
                return new Response(true, etag, lastModified);
            }
            if (status / 100 != 2) {
                throw new IOException("the feed URL answered HTTP " + status);
            }
            copy(response.body(), target);
            return new Response(false, response.header("ETag").orElse(""), response.header("Last-Modified").orElse(""));
        } catch (RefusedAddressException refused) {
            throw new IOException(refused.reason("the feed's"), refused);
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException("the feed URL sent nothing for " + readTimeout.toSeconds() + " s");
        }
    }

    private void copy(InputStream body, Path target) throws IOException, InvalidFeedException {
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
                if (bytes > maxBytes) {
                    throw new InvalidFeedException("the feed is larger than maxBytes (" + maxBytes + ")");
                }
                out.write(buffer, 0, read);
            }
        }
    }
}
