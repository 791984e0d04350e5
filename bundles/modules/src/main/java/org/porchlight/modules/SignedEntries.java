package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The content of a module file as its signers signed it, checked entry by entry: every entry the manifest
 * or a signature file names is present, each signature file has its block (and the reverse), the manifest's
 * main attributes are signed, no manifest section was added after signing, no directory entry carries
 * content, and no name is one that another reader of the file would read differently.
 *
 * <p>{@link JarFile} checks what is there against the signature, but not what is missing (a deleted entry),
 * nor a signature file without its block (it then treats the file as unsigned), nor content in a directory
 * entry (which {@code ZipFile.getEntry("a.class")} finds as {@code a.class/}, unverified).
 */
final class SignedEntries {

    /** The entries of a file with their signers (an empty set: unsigned), and whether it has signature files. */
    record Content(boolean signed, Map<String, Set<CodeSigner>> entries) {
    }

    static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/([^/]+)\\.SF");
    private static final Pattern SIGNATURE_BLOCK = Pattern.compile("META-INF/([^/]+)\\.(RSA|DSA|EC)");
    private static final String WHOLE_MANIFEST_DIGEST = "-DIGEST-MANIFEST";
    private static final String MAIN_ATTRIBUTES_DIGEST = "-DIGEST-MANIFEST-MAIN-ATTRIBUTES";
    private static final String ENTRY_DIGEST = "-DIGEST";

    private SignedEntries() {
    }

    /** Checks {@code jar} as a whole and reads every entry in full, which is how {@link JarFile} verifies it. */
    static Content check(JarFile jar, Manifest manifest) throws IOException, ModuleRefusedException {
        List<JarEntry> all = Collections.list(jar.entries());
        Set<String> names = new HashSet<>();
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> blocks = new LinkedHashMap<>();
        Set<String> content = new TreeSet<>();
        for (JarEntry entry : all) {
            String name = entry.getName();
            if (!names.add(name)) {
                throw new ModuleRefusedException("the entry " + name + " appears twice in the file");
            }
            if (!plainPath(name)) {
                throw new ModuleRefusedException("the entry name \"" + printable(name) + "\" is not a plain path");
            }
            if (entry.isDirectory()) {
                if (entry.getSize() > 0 || hasContent(jar, entry)) {
                    throw new ModuleRefusedException("the directory entry " + name + " has content, which no signature covers");
                }
                continue;
            }
            String upper = name.toUpperCase(Locale.ROOT);
            boolean signatureRelated = upper.equals(MANIFEST) || SIGNATURE_FILE.matcher(upper).matches()
                    || SIGNATURE_BLOCK.matcher(upper).matches();
            if (signatureRelated && !name.startsWith("META-INF/") || upper.equals(MANIFEST) && !name.equals(MANIFEST)) {
                // The JDK matches these names ignoring case; a second spelling is a second manifest or signature.
                throw new ModuleRefusedException("the entry " + name + " is a second spelling of a manifest or signature file");
            }
            var file = SIGNATURE_FILE.matcher(upper);
            var block = SIGNATURE_BLOCK.matcher(upper);
            if (file.matches()) {
                files.put(file.group(1), name);
            } else if (block.matches()) {
                if (blocks.put(block.group(1), name) != null) {
                    throw new ModuleRefusedException("the signature " + block.group(1) + " has two signature blocks");
                }
            } else if (!upper.equals(MANIFEST)) {
                content.add(name);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!blocks.containsKey(file.getKey())) {
                throw new ModuleRefusedException("the signature file " + file.getValue()
                        + " has no signature block: the signature was removed or replaced");
            }
        }
        for (Map.Entry<String, String> block : blocks.entrySet()) {
            if (!files.containsKey(block.getKey())) {
                throw new ModuleRefusedException("the signature block " + block.getValue()
                        + " has no signature file: the signature was removed or replaced");
            }
        }
        boolean signed = !files.isEmpty();
        if (signed) {
            byte[] rawManifest = read(jar, jar.getJarEntry(MANIFEST));
            signedSections(manifest, content);
            for (String file : files.values()) {
                signatureFile(jar, file, manifest, rawManifest, content);
            }
        }
        if (content.isEmpty()) {
            throw new ModuleRefusedException("the file holds nothing but its manifest"
                    + (files.isEmpty() ? "" : " and signature"));
        }
        Map<String, Set<CodeSigner>> entries = new LinkedHashMap<>();
        byte[] buffer = new byte[8192];
        for (String name : content) {
            JarEntry entry = jar.getJarEntry(name);
            try (InputStream in = jar.getInputStream(entry)) {
                while (in.read(buffer) != -1) {
                    // reading to the end is what verifies the entry
                }
            }
            CodeSigner[] signers = entry.getCodeSigners();
            entries.put(name, signers == null ? Set.of() : Set.of(signers));
        }
        return new Content(signed, entries);
    }

    /** Every manifest section that carries a digest names an entry that is in the file. */
    private static void signedSections(Manifest manifest, Set<String> content) throws ModuleRefusedException {
        for (Map.Entry<String, Attributes> section : manifest.getEntries().entrySet()) {
            boolean digest = section.getValue().keySet().stream()
                    .anyMatch(key -> key.toString().toUpperCase(Locale.ROOT).endsWith(ENTRY_DIGEST));
            if (digest) {
                present(section.getKey(), "the manifest", content);
            }
        }
    }

    /**
     * One signature file against the manifest: it signs the main attributes (the whole manifest unchanged, or a
     * digest of the main attributes, which the JDK checks), every entry it names is in the manifest and the file,
     * and if the manifest changed since, no section was added to it.
     */
    private static void signatureFile(JarFile jar, String name, Manifest manifest, byte[] rawManifest, Set<String> content)
            throws IOException, ModuleRefusedException {
        Manifest signatureFile;
        try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
            signatureFile = new Manifest(in);
        }
        boolean wholeManifest = false;
        boolean mainAttributes = false;
        for (Map.Entry<Object, Object> attribute : signatureFile.getMainAttributes().entrySet()) {
            String key = attribute.getKey().toString().toUpperCase(Locale.ROOT);
            if (key.endsWith(MAIN_ATTRIBUTES_DIGEST)) {
                mainAttributes = true;
            } else if (key.endsWith(WHOLE_MANIFEST_DIGEST)) {
                String algorithm = key.substring(0, key.length() - WHOLE_MANIFEST_DIGEST.length());
                wholeManifest |= matches(algorithm, rawManifest, attribute.getValue().toString());
            }
        }
        if (!wholeManifest && !mainAttributes) {
            throw new ModuleRefusedException("the signature file " + name + " does not sign the manifest's main attributes");
        }
        for (String signedEntry : signatureFile.getEntries().keySet()) {
            if (!manifest.getEntries().containsKey(signedEntry)) {
                throw new ModuleRefusedException("the manifest has no section for the entry " + printable(signedEntry) + " that "
                        + name + " signs: the manifest was changed after signing");
            }
            present(signedEntry, name, content);
        }
        if (!wholeManifest) {
            for (String section : manifest.getEntries().keySet()) {
                if (!signatureFile.getEntries().containsKey(section)) {
                    throw new ModuleRefusedException("the manifest section " + printable(section) + " was added after "
                            + name + " was signed");
                }
            }
        }
    }

    private static void present(String entry, String namedBy, Set<String> content) throws ModuleRefusedException {
        if (!plainPath(entry)) {
            throw new ModuleRefusedException(namedBy + " names the entry \"" + printable(entry)
                    + "\", which is not a plain path");
        }
        if (!content.contains(entry)) {
            throw new ModuleRefusedException("the signed entry " + entry + " is missing from the file (named by "
                    + namedBy + ")");
        }
    }

    private static boolean matches(String algorithm, byte[] bytes, String base64) {
        try {
            byte[] expected = Base64.getMimeDecoder().decode(base64);
            return MessageDigest.isEqual(MessageDigest.getInstance(algorithm).digest(bytes), expected);
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A relative path of plain segments: no leading slash, no backslash, no empty, {@code .} or {@code ..}
     * segment, no control character. Other readers (the JDK strips {@code ./} from signed names, tools that
     * unpack normalise paths) would read anything else as another entry.
     */
    static boolean plainPath(String name) {
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (path.isEmpty() || path.indexOf('\\') >= 0 || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasContent(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.read() != -1;
        }
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200)
                .forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
