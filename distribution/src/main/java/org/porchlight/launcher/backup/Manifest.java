package org.porchlight.launcher.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder's {@value #NAME}: the SHA-256 of every file in it, one {@code <hex>  <path>} line each
 * in the format {@code sha256sum -c} checks, paths relative with {@code /}. A folder verifies when
 * every file listed is there with its hash and no file is there that is not listed.
 */
final class Manifest {

    static final String NAME = "SHA256SUMS";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (.+)");
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_.-]+");

    /** What is wrong with a backup; the message is for the operator. */
    static final class Damaged extends Exception {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    private final Map<String, String> hashes = new TreeMap<>();

    void add(String path, String sha256) {
        hashes.put(path, sha256);
    }

    Map<String, String> hashes() {
        return hashes;
    }

    void write(Path folder) throws IOException {
        StringBuilder text = new StringBuilder();
        hashes.forEach((path, hash) -> text.append(hash).append("  ").append(path).append('\n'));
        Files.writeString(folder.resolve(NAME), text, StandardCharsets.UTF_8);
    }

    /** Reads and checks {@code folder}'s manifest against the files there, {@code skip} aside. */
    static Manifest verify(Path folder, String what, List<String> skip) throws Damaged, IOException {
        Path file = folder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new Damaged(what + " has no " + NAME + " (" + file + "): not a Porchlight backup, or an incomplete one");
        }
        Manifest manifest = new Manifest();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            String path = m.matches() ? m.group(2) : null;
            if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..") || manifest.hashes.containsKey(path)) {
                throw new Damaged(what + "'s " + NAME + " is damaged at line " + (i + 1) + ": expected '<64 hex digits>  <path>' "
                        + "naming each file once, inside the folder");
            }
            manifest.hashes.put(path, m.group(1));
        }
        if (manifest.hashes.isEmpty()) {
            throw new Damaged(what + "'s " + NAME + " lists no file: the backup is damaged");
        }
        for (Map.Entry<String, String> entry : manifest.hashes.entrySet()) {
            Path listed = folder.resolve(entry.getKey());
            if (!Files.isRegularFile(listed)) {
                throw new Damaged(what + ": " + entry.getKey() + " is listed in " + NAME + " but missing: the backup is damaged");
            }
            if (!sha256(listed).equals(entry.getValue())) {
                throw new Damaged(what + ": " + entry.getKey() + " does not match its SHA-256 in " + NAME
                        + ": the backup is damaged");
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path present : files.filter(Files::isRegularFile).toList()) {
                String relative = folder.relativize(present).toString().replace('\\', '/');
                if (!relative.equals(NAME) && skip.stream().noneMatch(s -> relative.startsWith(s + "/"))
                        && !manifest.hashes.containsKey(relative)) {
                    throw new Damaged(what + ": " + relative + " is not listed in " + NAME
                            + ": the backup was changed after it was made");
                }
            }
        }
        return manifest;
    }

    /** Whether a file name can stand in a manifest (letters, digits, {@code . _ -}; not {@code ..}). */
    static boolean plainName(String name) {
        return SAFE_PATH.matcher(name).matches() && !name.contains("/") && !name.contains("..");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream());
        }
    }

    /** Copies {@code in} to {@code out} and returns the SHA-256 of what went through, in hex. */
    static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = digest();
        try (DigestInputStream hashing = new DigestInputStream(in, digest)) {
            hashing.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
