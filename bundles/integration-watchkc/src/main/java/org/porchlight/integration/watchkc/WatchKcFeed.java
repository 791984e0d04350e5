package org.porchlight.integration.watchkc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.porchlight.api.registry.RegistrySink;

/**
 * One feed file, known by its SHA-256: its records handed to a sink, good ones accepted and bad ones
 * rejected with their line, checkpointed every {@value #CHECKPOINT_EVERY} records as
 * {@code <sha256>:<line>} so that an interrupted import of the same file resumes after that line.
 */
final class WatchKcFeed {

    private static final int CHECKPOINT_EVERY = 1_000;

    // RFC 4180; blank lines come through as records (and are skipped below) so that line numbers stay exact.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** What one import did. */
    record Counts(long accepted, long rejected, long skipped) {

        @Override
        public String toString() {
            return accepted + " accepted, " + rejected + " rejected, " + skipped + " skipped as already imported";
        }
    }

    private final Path file;
    private final String sha256;

    private WatchKcFeed(Path file, String sha256) {
        this.file = file;
        this.sha256 = sha256;
    }

    /** The feed in {@code file}; fails if it is larger than {@code maxBytes}. */
    static WatchKcFeed open(Path file, long maxBytes) throws IOException, InvalidFeedException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InvalidFeedException("the feed has " + size + " bytes, more than maxBytes (" + maxBytes + ")");
        }
        return new WatchKcFeed(file, sha256(file));
    }

    String sha256() {
        return sha256;
    }

    /**
     * Hands every record to {@code sink}, skipping those up to the line in {@code resumeFrom} if it is
     * a checkpoint of this very feed.
     *
     * @throws InvalidFeedException if a required column is missing or the file is not UTF-8 CSV; the
     *         records before the fault have been handed over, which is harmless as each stands alone
     */
    Counts importInto(RegistrySink sink, String resumeFrom) throws IOException, InvalidFeedException {
        long resumeLine = resumeLine(resumeFrom);
        long line = 1;
        try (BufferedReader reader = reader(file); CSVParser parser = FORMAT.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new InvalidFeedException("the feed is empty: it has no header");
            }
            FeedHeader header = FeedHeader.of(records.next());
            Set<String> ids = new HashSet<>();
            long lastLine = 1;
            long accepted = 0;
            long rejected = 0;
            long skipped = 0;
            while (true) {
                // The parser counts the line breaks it has read: the next record starts on the line after.
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                WatchKcRow row = new WatchKcRow(header, record);
                if (line <= resumeLine) {
                    // Committed by the interrupted sync; its id still counts for duplicates further on.
                    rememberId(row, ids);
                    skipped++;
                } else if (hand(row, line, ids, sink)) {
                    accepted++;
                } else {
                    rejected++;
                }
                lastLine = line;
                long handed = accepted + rejected;
                if (line > resumeLine && handed % CHECKPOINT_EVERY == 0) {
                    sink.checkpoint(position(lastLine));
                }
            }
            long handed = accepted + rejected;
            if (handed == 0 || handed % CHECKPOINT_EVERY != 0) {
                sink.checkpoint(position(lastLine));
            }
            return new Counts(accepted, rejected, skipped);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause(), line);
        } catch (CharacterCodingException | CSVException e) {
            throw unreadable(e, line);
        }
    }

    /** Accepts or rejects one record; true if accepted. */
    private static boolean hand(WatchKcRow row, long line, Set<String> ids, RegistrySink sink) {
        try {
            row.checkShape();
            String id = row.registrationId();
            if (!ids.add(id)) {
                throw new RejectedRow(WatchKcRow.REGISTRATION_ID, "duplicate in this feed");
            }
            sink.accept(row.registration(id));
            return true;
        } catch (RejectedRow e) {
            sink.reject(line, e.column(), e.getMessage());
            return false;
        }
    }

    private static void rememberId(WatchKcRow row, Set<String> ids) {
        try {
            ids.add(row.registrationId());
        } catch (RejectedRow e) {
            // It was rejected then; nothing to remember.
        }
    }

    private String position(long line) {
        return sha256 + ":" + line;
    }

    private long resumeLine(String resumeFrom) {
        String prefix = sha256 + ":";
        if (resumeFrom == null || !resumeFrom.startsWith(prefix)) {
            return 0;
        }
        try {
            return Long.parseLong(resumeFrom.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static InvalidFeedException unreadable(Throwable cause, long line) throws IOException {
        if (cause instanceof CharacterCodingException) {
            return new InvalidFeedException("the feed is not UTF-8 text (at or after line " + line + ")");
        }
        if (cause instanceof CSVException) {
            return new InvalidFeedException("the feed is not valid CSV (at or after line " + line + ")");
        }
        throw cause instanceof IOException io ? io : new IOException(cause);
    }

    // Spreadsheets often save "CSV UTF-8" with a byte order mark, which would otherwise stick to the first column's name.
    private static BufferedReader reader(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            return reader;
        } catch (IOException e) {
            reader.close();
            throw e;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
