package org.porchlight.itests.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * Assembles the test bundles from the fixture classes with bnd, the tool that builds the real
 * bundles: one package a bundle, Declarative Services and imports generated the same way.
 * Runs in the test JVM before the framework boots.
 */
public final class FixtureBundles {

    private static final String FIXTURE = "org.porchlight.itests.fixture.";

    private FixtureBundles() {
    }

    private static boolean built;

    /** Builds every fixture once per JVM (afresh, so that a changed fixture is never stale). */
    public static synchronized void buildAll() {
        if (built) {
            return;
        }
        built = true;
        build(Fixtures.greeting(1), Fixtures.GREETING, "1.0.0", "greeting.v1", Map.of());
        build(Fixtures.greeting(2), Fixtures.GREETING, "2.0.0", "greeting.v2", Map.of());
        build(Fixtures.echo(), Fixtures.ECHO, "1.0.0", "echo", Map.of());
        build(Fixtures.failing(), Fixtures.FAILING, "1.0.0", "failing", Map.of());
        build(Fixtures.fanOut(), Fixtures.FAN_OUT, "1.0.0", "fanout", Map.of());
        Map<String, String> schema = Map.of(
                "Porchlight-Schema", Fixtures.NOTES_SCHEMA,
                "-includeresource", "db/migration=" + classes().resolve("org/porchlight/itests/fixture/notes/db/migration"));
        build(Fixtures.notes(), Fixtures.NOTES, "1.0.0", "notes", schema);
        build(Fixtures.notesImpostor(), Fixtures.NOTES_IMPOSTOR, "1.0.0", "notes", schema);
        build(Fixtures.greetingUnresolvable(), Fixtures.GREETING, "3.0.0", "greeting.v2",
                Map.of("Import-Package", "org.example.nobody.exports.this, jakarta.ws.rs.core, *"));
        Signing.makeKeys();
        for (Path fixture : List.of(Fixtures.greeting(1), Fixtures.greeting(2), Fixtures.echo(), Fixtures.failing(),
                Fixtures.fanOut(), Fixtures.greetingUnresolvable())) {
            Signing.sign(fixture, Fixtures.signed(fixture), "vendor");
        }
        Signing.sign(Fixtures.greeting(1), Fixtures.signedByStranger(Fixtures.greeting(1)), "stranger");
    }

    private static void build(Path target, String symbolicName, String version, String fixturePackage,
            Map<String, String> extra) {
        try (Builder builder = new Builder()) {
            Map<String, String> instructions = new TreeMap<>(Map.of("Import-Package", "jakarta.ws.rs.core, *"));
            instructions.putAll(extra);
            instructions.put("Bundle-SymbolicName", symbolicName);
            instructions.put("Bundle-Version", version);
            instructions.put("Private-Package", FIXTURE + fixturePackage);
            instructions.put("-dsannotations", "*");
            instructions.forEach(builder::setProperty);
            // The class path only tells bnd where packages come from and in which versions.
            builder.addClasspath(classes().toFile());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    builder.addClasspath(new File(entry));
                }
            }
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build " + symbolicName + ": " + builder.getErrors());
            }
            Files.createDirectories(target.getParent());
            jar.write(target.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("bnd could not build " + symbolicName, e);
        }
    }

    private static Path classes() {
        return Path.of(System.getProperty("porchlight.fixtures.classes", "../fixtures/target/classes")).toAbsolutePath();
    }
}
