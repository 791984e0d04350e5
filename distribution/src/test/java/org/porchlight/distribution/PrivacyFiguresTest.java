package org.porchlight.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/privacy.md promises figures (cell minimums, epsilon, caps, throttles); its parameters table must
 * say what the shipped {@code etc/} files and the code's defaults (the bundles' metatype) say.
 */
class PrivacyFiguresTest {

    /** A row of the parameters table: | `PID` | `setting` | value | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([\\w.]+)` \\| `(\\w+)` \\| ([^|]+?) \\|", Pattern.MULTILINE);

    private static final Path PRIVACY = Path.of("..", "docs", "privacy.md");
    private static final Path ETC = Path.of("src", "main", "dist", "etc");

    private static Map<String, Map<String, String>> metatypeDefaults;

    @BeforeAll
    static void readMetatype() throws Exception {
        metatypeDefaults = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && new File(entry).isFile()) {
                try (JarFile jar = new JarFile(entry)) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        JarEntry file = e.nextElement();
                        if (file.getName().startsWith("OSGI-INF/metatype/") && file.getName().endsWith(".xml")) {
                            try (InputStream in = jar.getInputStream(file)) {
                                readMetatype(in);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void readMetatype(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document doc = factory.newDocumentBuilder().parse(in);
        NodeList designates = doc.getElementsByTagName("Designate");
        NodeList ads = doc.getElementsByTagName("AD");
        for (int d = 0; d < designates.getLength(); d++) {
            String pid = ((Element) designates.item(d)).getAttribute("pid");
            Map<String, String> defaults = metatypeDefaults.computeIfAbsent(pid, p -> new HashMap<>());
            for (int a = 0; a < ads.getLength(); a++) {
                Element ad = (Element) ads.item(a);
                defaults.put(ad.getAttribute("id"), ad.getAttribute("default"));
            }
        }
    }

    @Test
    void everyFigureInThePrivacyDocumentIsTheCodesDefaultAndTheShippedSetting() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(PRIVACY));
        List<String> checked = new ArrayList<>();
        while (rows.find()) {
            String pid = rows.group(1);
            String setting = rows.group(2);
            String documented = rows.group(3).trim();
            assertThat(metatypeDefaults).as("a bundle with configuration %s", pid).containsKey(pid);
            assertThat(metatypeDefaults.get(pid)).as("%s has a setting %s", pid, setting).containsKey(setting);
            assertThat(same(metatypeDefaults.get(pid).get(setting), documented))
                    .as("%s %s: docs/privacy.md says %s, the code's default is %s", pid, setting, documented,
                            metatypeDefaults.get(pid).get(setting))
                    .isTrue();
            String shipped = shipped(pid).getProperty(setting);
            assertThat(shipped).as("etc/%s.cfg sets %s", pid, setting).isNotNull();
            assertThat(same(shipped.trim(), documented))
                    .as("%s %s: docs/privacy.md says %s, etc/ ships %s", pid, setting, documented, shipped).isTrue();
            checked.add(pid + "/" + setting);
        }
        // The table is there and was read: a renamed heading or a new layout must not pass by checking nothing.
        assertThat(checked).hasSizeGreaterThanOrEqualTo(15).doesNotHaveDuplicates();
    }

    @Test
    void theMetatypeOfTheBundlesWasFound() {
        assertThat(metatypeDefaults).containsKeys("org.porchlight.registry", "org.porchlight.requests", "org.porchlight.identity");
        assertThat(metatypeDefaults.get("org.porchlight.registry")).containsEntry("countMinimumOwners", "5");
    }

    private static boolean same(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException notNumbers) {
            return a.equals(b);
        }
    }

    private static Properties shipped(String pid) throws IOException {
        Properties properties = new Properties();
        Path file = ETC.resolve(pid + ".cfg");
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
