package org.porchlight.itests.openapi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.porchlight.itests.support.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document as integrators get it from the running distribution: it passes Redocly's
 * lint (redocly.yaml) and equals the snapshot in docs/openapi.json that clients are generated from.
 */
public class DocumentChecks {

    /** Set to true to rewrite docs/openapi.json from the live document. */
    static final String REFRESH = "porchlight.openapi.refresh";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JsonNode live = OpenApiSuiteIT.document();

    static Path root() {
        return Path.of(System.getProperty("porchlight.root", "../..")).toAbsolutePath().normalize();
    }

    @Test
    public void theLiveDocumentPassesRedoclysRules() throws Exception {
        assumeTrue("npx is not on the PATH: the OpenAPI lint needs Node and npm (https://nodejs.org)", onPath("npx"));
        Path file = Fixtures.work().resolve("openapi/openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(live));
        String redocly = "@redocly/cli@" + System.getProperty("porchlight.redocly.version", "2.77.0");
        ProcessBuilder lint = new ProcessBuilder("npx", "--yes", redocly, "lint", "--config=" + root().resolve("redocly.yaml"),
                "--format=stylish", "--max-problems=200", file.toString()).redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.environment().put("NO_COLOR", "1");
        Path output = file.resolveSibling("lint.txt");
        Process process = lint.redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("Redocly lint did not finish within 5 minutes:\n" + Files.readString(output));
        }
        assertEquals("Redocly lint of " + file + " (rules: redocly.yaml):\n" + Files.readString(output), 0, process.exitValue());
    }

    @Test
    public void theLiveDocumentIsTheSnapshotClientsAreGeneratedFrom() throws Exception {
        Path snapshot = root().resolve("docs/openapi.json");
        String expected = JSON.writeValueAsString(sorted(live)) + "\n";
        if (Boolean.getBoolean(REFRESH)) {
            Files.writeString(snapshot, expected, StandardCharsets.UTF_8);
        }
        assertTrue("No " + snapshot + ": run mvn -pl itests/openapi-client verify -D" + REFRESH + "=true",
                Files.exists(snapshot));
        if (!JSON.readTree(snapshot.toFile()).equals(live)) {
            Path fresh = Fixtures.work().resolve("openapi/openapi.live.json");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
            fail("The live /api/openapi.json differs from " + snapshot + " (the live one is in " + fresh + "; diff them). "
                    + "If the change is meant, refresh the snapshot: mvn -pl itests/openapi-client verify -D" + REFRESH
                    + "=true, and commit docs/openapi.json (the generated client follows it).");
        }
    }

    /** The tree with every object's members in name order, so that the snapshot diffs well. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                members.put(member.getKey(), sorted(member.getValue()));
            }
            ObjectNode copy = JSON.createObjectNode();
            members.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            return JSON.createArrayNode().addAll(items);
        }
        return node;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
