package org.porchlight.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes a release's upgrade fixture (itests/upgrade-fixtures/README.md): runs the release's
 * distribution on an empty data folder, writes {@link UpgradeStory} into it through the API, stops
 * it cleanly and zips what an upgrade keeps: {@code data/} (without the framework's cache, which
 * every start rebuilds, and H2's trace file), the evidence master key from {@code etc/}, and {@code story.json}.
 *
 * <p>Not a test of its own (its name does not end in IT): run it on purpose, as
 * {@code itests/upgrade-fixtures/make-fixture.sh} does, with {@code -Dit.test=MakeUpgradeFixture},
 * {@code -Dupgrade.release=v0.1.0}, {@code -Dupgrade.distribution=<the release's folder>} and
 * {@code -Dupgrade.fixture.out=<zip>}.
 */
public class MakeUpgradeFixture {

    /** What the zip holds of the home folder, besides story.json. */
    static final List<String> KEPT = List.of("data", "etc/evidence-master.key");

    @Test
    public void make() throws Exception {
        String release = System.getProperty("upgrade.release");
        if (release == null || release.isBlank()) {
            throw new IllegalArgumentException("name the release: -Dupgrade.release=v0.1.0");
        }
        Path dist = Path.of(System.getProperty("upgrade.distribution", Distribution.folder().toString())).toAbsolutePath();
        Path out = Path.of(System.getProperty("upgrade.fixture.out", "target/upgrade-fixture/" + release + ".zip")).toAbsolutePath();
        Path home = Distribution.freshHome("MakeUpgradeFixture", dist);
        int port = Distribution.freePort();
        ObjectNode story;
        try (ServerProcess server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port),
                "PORCHLIGHT_ADMIN_EMAIL", UpgradeStory.ADMIN_EMAIL, "PORCHLIGHT_ADMIN_PASSWORD", UpgradeStory.PASSWORD))) {
            server.awaitReady(Duration.ofSeconds(120));
            Http http = new Http(port);
            http.await("/api/auth/token", r -> r.status() != 404, Duration.ofSeconds(60));
            story = UpgradeStory.tell(http, home);
            story.put("release", release);
            server.terminate();
            assertEquals("a clean stop", 143, server.awaitExit(Duration.ofSeconds(90)));
        }
        Files.createDirectories(out.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            zip.setLevel(9);
            for (String kept : KEPT) {
                add(zip, home, home.resolve(kept));
            }
            zip.putNextEntry(new ZipEntry("story.json"));
            zip.write(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(story).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        System.out.println("Upgrade fixture of " + release + ": " + out + " (" + Files.size(out) + " bytes)");
    }

    private static void add(ZipOutputStream zip, Path home, Path from) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted().toList()) {
                String name = home.relativize(file).toString();
                if (Files.isDirectory(file) || name.startsWith("data/framework/") || name.endsWith(".jsa")
                        || name.endsWith(".trace.db")) {
                    continue;
                }
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(0);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
