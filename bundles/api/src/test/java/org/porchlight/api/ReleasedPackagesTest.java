package org.porchlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The part of the compatibility check that bnd's baseline leaves out while the SDK's bundle version
 * is below 1.0: bnd reports a removed package, but only its bundle-version check, which bnd skips
 * for 0.x versions, fails on one. A plugin that imports a removed package no longer resolves, so a
 * package of the last release (sdk-releases/, {@code porchlight.sdk.baseline}) may only disappear
 * in an SDK whose bundle major version is higher.
 */
class ReleasedPackagesTest {

    private static final Pattern VERSION = Pattern.compile(";\\s*version\\s*=\\s*\"?([0-9.]+)");

    @Test
    void everyPackageOfTheLastReleaseIsStillExportedUnlessTheBundleMajorMoved() throws IOException {
        Manifest released;
        try (JarFile jar = new JarFile(Path.of(System.getProperty("porchlight.sdk.baseline.jar")).toFile())) {
            released = jar.getManifest();
        }
        Manifest current;
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("porchlight.sdk.manifest")))) {
            current = new Manifest(in);
        }
        Map<String, String> releasedExports = exports(released);
        Map<String, String> currentExports = exports(current);
        assertThat(releasedExports).as("the release's exports").isNotEmpty();

        if (major(bundleVersion(current)) > major(bundleVersion(released))) {
            return;
        }
        List<String> gone = releasedExports.keySet().stream().filter(p -> !currentExports.containsKey(p)).toList();
        assertThat(gone)
                .as("SDK packages of release %s that are gone (plugins importing them would no longer resolve);"
                        + " deprecate a package instead, and remove it only in an SDK with a new major bundle version",
                        bundleVersion(released))
                .isEmpty();
    }

    @Test
    void exportsAreReadWithTheirVersions() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Export-Package",
                "a.b;version=\"1.0.0\",a.c;version=\"1.1.0\";uses:=\"a.b,x.y\",a.d");
        assertThat(exports(manifest)).containsExactly(Map.entry("a.b", "1.0.0"), Map.entry("a.c", "1.1.0"),
                Map.entry("a.d", "0.0.0"));
    }

    /** Package name to version, from the Export-Package header (commas inside quotes separate nothing). */
    private static Map<String, String> exports(Manifest manifest) {
        String header = manifest.getMainAttributes().getValue("Export-Package");
        Map<String, String> exports = new LinkedHashMap<>();
        if (header == null) {
            return exports;
        }
        for (String clause : clauses(header)) {
            String name = clause.split(";", 2)[0].trim();
            Matcher version = VERSION.matcher(clause);
            exports.put(name, version.find() ? version.group(1) : "0.0.0");
        }
        return exports;
    }

    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        return clauses;
    }

    private static String bundleVersion(Manifest manifest) {
        return manifest.getMainAttributes().getValue("Bundle-Version");
    }

    private static int major(String version) {
        return Integer.parseInt(version.split("\\.", 2)[0]);
    }
}
