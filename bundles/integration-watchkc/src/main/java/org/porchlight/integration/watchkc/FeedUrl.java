package org.porchlight.integration.watchkc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.registry.RegistrySink;
import org.porchlight.api.registry.SyncRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * URL mode: each sync fetches the feed, conditionally, into a temporary file in {@code downloads}
 * and imports it unless the server says it is not modified or it hashes the same as last time.
 */
final class FeedUrl implements CameraRegistryProvider {

    private static final Logger LOG = LoggerFactory.getLogger(FeedUrl.class);

    /**
     * The cursor: {@code <sha256>|<Last-Modified>|<ETag>}, any part possibly empty. The ETag comes
     * last because it may itself hold a {@code |}; an HTTP date never does.
     */
    record Cursor(String sha256, String lastModified, String etag) {

        static Cursor parse(String cursor) {
            String[] parts = (cursor == null ? "" : cursor).split("\\|", 3);
            return new Cursor(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
        }

        @Override
        public String toString() {
            return sha256 + "|" + lastModified + "|" + etag;
        }
    }

    private final String source;
    private final FeedDownload download;
    private final Path downloads;
    private final long maxBytes;

    FeedUrl(String source, FeedDownload download, Path downloads, long maxBytes) {
        this.source = source;
        this.download = download;
        this.downloads = downloads;
        this.maxBytes = maxBytes;
    }

    @Override
    public String sync(SyncRequest request, RegistrySink sink) throws IOException, InterruptedException, InvalidFeedException {
        Cursor previous = Cursor.parse(request.cursor());
        Files.createDirectories(downloads);
        Path file = Files.createTempFile(downloads, source + "-", ".csv");
        try {
            // A full import asks unconditionally: whatever the server holds is imported.
            FeedDownload.Response response = request.full()
                    ? download.fetch("", "", file)
                    : download.fetch(previous.etag(), previous.lastModified(), file);
            if (response.notModified()) {
                LOG.debug("Source {}: feed not modified", source);
                sink.skipped("the server answered 304 Not Modified: the feed has not changed since the last import");
                return request.cursor();
            }
            WatchKcFeed feed = WatchKcFeed.open(file, maxBytes);
            if (!request.full() && feed.sha256().equals(previous.sha256())) {
                LOG.debug("Source {}: feed unchanged", source);
                sink.skipped("the feed is the same as at the last import (same SHA-256)");
                return request.cursor();
            }
            WatchKcFeed.Counts counts = feed.importInto(sink, request.resumeFrom());
            LOG.info("Source {}: imported feed {}: {}", source, feed.sha256(), counts);
            return new Cursor(feed.sha256(), response.lastModified(), response.etag()).toString();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
