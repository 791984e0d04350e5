package org.porchlight.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks of a bundle's portal resources for its unit tests: no template relies on an inline script,
 * style or handler (the portal's Content-Security-Policy refuses them), and every English text has a
 * Spanish one. Paths are relative to the module, e.g. {@code src/main/resources/ui}.
 */
public final class PortalResources {

    private static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\ssrc=)|<style|\\sstyle=|\\son[a-z]+=|javascript:",
            Pattern.CASE_INSENSITIVE);

    private PortalResources() {
    }

    /** Fails naming each template under {@code ui/templates} with an inline script, style, handler or javascript: URL. */
    public static void assertNoInlineScriptsOrStyles(Path ui) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ui.resolve("templates"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".ftlh"))::iterator) {
                Matcher m = INLINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                if (m.find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            }
        }
        if (!found.isEmpty()) {
            throw new AssertionError("templates with inline scripts or styles, which the portal's policy refuses: " + found);
        }
    }

    /** Fails naming the keys that {@code ui/messages.properties} and {@code ui/messages_es.properties} do not share. */
    public static void assertEveryTextTranslated(Path ui) throws IOException {
        Set<String> en = keys(ui.resolve("messages.properties"));
        Set<String> es = keys(ui.resolve("messages_es.properties"));
        Set<String> noSpanish = new TreeSet<>(en);
        noSpanish.removeAll(es);
        Set<String> noEnglish = new TreeSet<>(es);
        noEnglish.removeAll(en);
        if (!noSpanish.isEmpty() || !noEnglish.isEmpty()) {
            throw new AssertionError("texts without Spanish: " + noSpanish + "; texts without English: " + noEnglish);
        }
    }

    private static Set<String> keys(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.stringPropertyNames();
    }
}
