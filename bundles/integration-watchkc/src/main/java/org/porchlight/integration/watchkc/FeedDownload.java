package org.porchlight.integration.watchkc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A conditional GET of a feed into a file, at most {@code maxBytes}. The read timeout bounds the wait
 * for the response and then for each further piece of the body: HttpClient's own request timeout
 * ends at the headers, and a server that stalls mid-body would otherwise hold the sync for ever.
 */
final class FeedDownload {

    /**
     * What the server answered.
     *
     * @param notModified 304: the file was not written
     * @param etag the ETag to send back next time, empty if none
     * @param lastModified the Last-Modified to send back next time, empty if none
     */
    record Response(boolean notModified, String etag, String lastModified) {
    }

    private final HttpClient client;
    private final URI url;
    private final Duration readTimeout;
    private final long maxBytes;

    FeedDownload(HttpClient client, URI url, Duration readTimeout, long maxBytes) {
        this.client = client;
        this.url = url;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    /**
     * Fetches the feed into {@code target}, sending {@code etag} and {@code lastModified} (each may be
     * empty) as If-None-Match and If-Modified-Since.
     *
     * @throws IOException naming the status for an answer other than 2xx or 304
     * @throws InvalidFeedException if the body is larger than {@code maxBytes}
     */
    Response fetch(String etag, String lastModified, Path target)
            throws IOException, InterruptedException, InvalidFeedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(readTimeout).GET();
        if (!etag.isEmpty()) {
            request.header("If-None-Match", etag);
        }
        if (!lastModified.isEmpty()) {
            request.header("If-Modified-Since", lastModified);
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            BodyToFile body = new BodyToFile(out, maxBytes);
            CompletableFuture<HttpResponse<Long>> pending = client.sendAsync(request.build(),
                    info -> info.statusCode() / 100 == 2 ? body : BodySubscribers.replacing(0L));
            HttpResponse<Long> response = body.await(pending, readTimeout);
            int status = response.statusCode();
            if (status == 304) {
                return new Response(true, etag, lastModified);
            }
            if (status / 100 != 2) {
                throw new IOException("the feed URL answered HTTP " + status);
            }
            return new Response(false, response.headers().firstValue("ETag").orElse(""),
                    response.headers().firstValue("Last-Modified").orElse(""));
        }
    }

    /** Writes the body to a file as it arrives, and gives up past the size limit. */
    private static final class BodyToFile implements BodySubscriber<Long> {

        private final FileChannel out;
        private final long maxBytes;
        private final CompletableFuture<Long> written = new CompletableFuture<>();
        private volatile long lastData = System.nanoTime();
        private volatile Flow.Subscription subscription;
        private long bytes;

        BodyToFile(FileChannel out, long maxBytes) {
            this.out = out;
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return written;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            lastData = System.nanoTime();
            try {
                for (ByteBuffer buffer : buffers) {
                    bytes += buffer.remaining();
                    if (bytes > maxBytes) {
                        fail(new InvalidFeedException("the feed is larger than maxBytes (" + maxBytes + ")"));
                        return;
                    }
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                subscription.request(1);
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public void onError(Throwable failure) {
            written.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            written.complete(bytes);
        }

        private void fail(Throwable failure) {
            subscription.cancel();
            written.completeExceptionally(failure);
        }

        /** Waits for the whole body, as long as data keeps coming at least every {@code idle}. */
        HttpResponse<Long> await(CompletableFuture<HttpResponse<Long>> pending, Duration idle)
                throws IOException, InterruptedException, InvalidFeedException {
            try {
                while (true) {
                    try {
                        return pending.get(idle.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (System.nanoTime() - lastData >= idle.toNanos()) {
                            throw new HttpTimeoutException("the feed URL sent nothing for " + idle.toSeconds() + " s");
                        }
                    }
                }
            } catch (ExecutionException e) {
                // HttpClient may wrap what the body subscriber failed with.
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof InvalidFeedException tooLarge) {
                        throw new InvalidFeedException(tooLarge.getMessage());
                    }
                }
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                if (!pending.isDone()) {
                    pending.cancel(true);
                    Flow.Subscription current = subscription;
                    if (current != null) {
                        current.cancel();
                    }
                }
            }
        }
    }
}
