package org.porchlight.integration.watchkc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 *
 * <p>An agency's folder (a configuration the platform made for an agency) is read without following
 * any symbolic link: the folder itself must not be one, a {@code .csv} that is one is moved (the link,
 * never its target) to {@code failed/} and fails the sync with a message, and {@code imported/} and
 * {@code failed/} must be real folders. Each of its feeds is first copied, opened without following
 * a link, into a private staging folder the agency cannot reach, and read from there.
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
    /** For an agency's folder: where its feeds are copied to be read; {@code null} for a folder the server's admin set. */
    private final Path staging;

    WatchedFolder(String source, Path folder, long maxBytes, Duration quiet) {
        this(source, folder, maxBytes, quiet, null);
    }

    /**
     * @param staging for an agency's folder, a private folder of this bundle's where feeds are copied
     *                (without following links) to be read; {@code null} for a folder the server's admin set
     */
    WatchedFolder(String source, Path folder, long maxBytes, Duration quiet, Path staging) {
        this.source = source;
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.quiet = quiet;
        this.staging = staging;
    }

    /** Whether this is an agency's folder, read without following links. */
    boolean confined() {
        return staging != null;
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
            if (confined() && link(file)) {
                Path moved = moveTo(FAILED, file);
                LOG.warn("Source {}: feed {} is a symbolic link, not read; moved to {}", source, name, folder.relativize(moved));
                throw new InvalidFeedException(name + ": a symbolic link; links in an agency's feed folder are not followed, "
                        + "upload the file itself; moved to " + FAILED + "/");
            }
            WatchKcFeed.Counts counts;
            WatchKcFeed feed;
            Path read = confined() ? stage(file) : file;
            try {
                feed = WatchKcFeed.open(read, maxBytes);
                counts = feed.importInto(sink, request.resumeFrom());
            } catch (InvalidFeedException e) {
                // Left in place it would fail every sync and hold up the files after it.
                Path moved = moveTo(FAILED, file);
                LOG.warn("Source {}: feed {} cannot be imported ({}); moved to {}", source, name, e.getMessage(),
                        folder.relativize(moved));
                throw new InvalidFeedException(name + ": " + e.getMessage() + "; moved to " + FAILED + "/");
            } finally {
                if (read != file) {
                    Files.deleteIfExists(read);
                }
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
        if (confined() && link(folder)) {
            throw new IOException("the feed folder " + folder.getFileName() + " is a symbolic link; an agency's feed folder "
                    + "must be a folder of its own");
        }
        List<Path> feeds;
        try (Stream<Path> files = Files.list(folder)) {
            // In an agency's folder a link is listed (to be refused), never followed to see what it points at.
            feeds = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(f -> confined() ? Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || link(f)
                            : Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
        Instant settled = Instant.now().minus(quiet);
        List<Path> ready = new ArrayList<>();
        List<Path> waiting = new ArrayList<>();
        for (Path file : feeds) {
            if (confined() && link(file)) {
                ready.add(file); // refused at once: there is nothing to wait for
            } else if (Files.getLastModifiedTime(file).toInstant().isAfter(settled)) {
                LOG.debug("Source {}: feed {} was modified within {} s; next sync", source, file.getFileName(),
                        quiet.toSeconds());
                waiting.add(file);
            } else {
                ready.add(file);
            }
        }
        return new Feeds(ready, waiting);
    }

    /**
     * Moves a feed (a link itself, never its target) to a subfolder, its name stamped with the time so that a feed
     * dropped again under the same name is kept too. In an agency's folder the subfolder must be a real folder.
     */
    private Path moveTo(String subfolder, Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.length() - ".csv".length();
        Path target = folder.resolve(subfolder)
                .resolve(name.substring(0, dot) + "-" + STAMP.format(Instant.now()) + name.substring(dot));
        if (confined() && link(target.getParent())) {
            throw new IOException(subfolder + "/ in the feed folder is a symbolic link; an agency's feed folder is not "
                    + "written through links");
        }
        Files.createDirectories(target.getParent());
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether {@code path} is a symbolic link (itself, not following it). */
    private static boolean link(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
        } catch (IOException e) {
            return false; // gone: nothing to follow
        }
    }

    /**
     * A copy of an agency's feed in the staging folder, read through a file opened without following a link, so a
     * feed replaced by a link after it was listed is refused rather than read. At most {@code maxBytes} + 1 bytes
     * are copied: enough for the feed to be refused as too large.
     */
    private Path stage(Path file) throws IOException, InvalidFeedException {
        Files.createDirectories(staging);
        Path copy = staging.resolve(source + ".csv");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(channel);
                OutputStream out = Files.newOutputStream(copy)) {
            byte[] buffer = new byte[64 * 1024];
            long left = maxBytes + 1;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, read);
                left -= read;
            }
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            if (link(file)) {
                throw new InvalidFeedException(file.getFileName() + ": a symbolic link; links in an agency's feed folder are "
                        + "not followed");
            }
            throw e;
        }
        return copy;
    }
}
