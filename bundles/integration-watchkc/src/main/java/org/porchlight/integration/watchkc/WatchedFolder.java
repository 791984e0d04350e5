package org.porchlight.integration.watchkc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.registry.RegistrySink;
import org.porchlight.api.registry.SyncRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folder mode: every {@code *.csv} file in the folder is a feed. Each is imported whole, in name
 * order, then moved to {@code imported/}; one that cannot be read at all goes to {@code failed/} and
 * fails the sync. A file modified within the last {@code quiet} period may still be being written and waits
 * for the next sync; writers that can should upload under another name (e.g. {@code .csv.part}) and
 * rename it when done. If the process dies before the move, the next sync reads the file again, which
 * the registry ignores for rows it already holds.
 */
final class WatchedFolder implements CameraRegistryProvider {

    private static final String IMPORTED = "imported";
    private static final String FAILED = "failed";

    private static final Logger LOG = LoggerFactory.getLogger(WatchedFolder.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String source;
    private final Path folder;
    private final long maxBytes;
    private final Duration quiet;

    WatchedFolder(String source, Path folder, long maxBytes, Duration quiet) {
        this.source = source;
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.quiet = quiet;
    }

    /** Returns the hash of the last feed imported, or the request's cursor if there was none. */
    @Override
    public String sync(SyncRequest request, RegistrySink sink) throws IOException, InvalidFeedException {
        String cursor = request.cursor();
        Feeds feeds = feeds();
        if (feeds.ready().isEmpty()) {
            sink.skipped(feeds.waiting().isEmpty() ? "the folder holds no .csv feed"
                    : feeds.waiting().size() + " feed(s) modified within the last " + quiet.toSeconds() + " s may still be being "
                            + "written and wait for a later sync (" + feeds.waiting().get(0).getFileName() + ")");
            return cursor;
        }
        for (Path file : feeds.ready()) {
            String name = file.getFileName().toString();
            WatchKcFeed.Counts counts;
            WatchKcFeed feed;
            try {
                feed = WatchKcFeed.open(file, maxBytes);
                counts = feed.importInto(sink, request.resumeFrom());
            } catch (InvalidFeedException e) {
                // Left in place it would fail every sync and hold up the files after it.
                Path moved = moveTo(FAILED, file);
                LOG.warn("Source {}: feed {} cannot be imported ({}); moved to {}", source, name, e.getMessage(),
                        folder.relativize(moved));
                throw new InvalidFeedException(name + ": " + e.getMessage() + "; moved to " + FAILED + "/");
            }
            Path moved = moveTo(IMPORTED, file);
            LOG.info("Source {}: imported feed {}: {}; moved to {}", source, name, counts, folder.relativize(moved));
            cursor = feed.sha256();
        }
        return cursor;
    }

    /** The feeds in the folder, in name order: those to import now, and those modified within the quiet period. */
    record Feeds(List<Path> ready, List<Path> waiting) {
    }

    private Feeds feeds() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "the feed folder does not exist");
        }
        List<Path> feeds;
        try (Stream<Path> files = Files.list(folder)) {
            feeds = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        Instant settled = Instant.now().minus(quiet);
        List<Path> ready = new ArrayList<>();
        List<Path> waiting = new ArrayList<>();
        for (Path file : feeds) {
            if (Files.getLastModifiedTime(file).toInstant().isAfter(settled)) {
                LOG.debug("Source {}: feed {} was modified within {} s; next sync", source, file.getFileName(),
                        quiet.toSeconds());
                waiting.add(file);
            } else {
                ready.add(file);
            }
        }
        return new Feeds(ready, waiting);
    }

    /** Moves a feed to a subfolder, its name stamped with the time so that a feed dropped again under the same name is kept too. */
    private Path moveTo(String subfolder, Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.length() - ".csv".length();
        Path target = folder.resolve(subfolder)
                .resolve(name.substring(0, dot) + "-" + STAMP.format(Instant.now()) + name.substring(dot));
        Files.createDirectories(target.getParent());
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
