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
    private static final String SDK = "org.porchlight.api";

    private FixtureBundles() {
    }

    private static boolean built;
    private static boolean agencyPluginBuilt;

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
        build(Fixtures.settable(), Fixtures.SETTABLE, "1.0.0", "settable", Map.of("-metatypeannotations", "*",
                "Porchlight-Agency-Configuration", "org.porchlight.itest.settable;agency=\"agency\""));
        build(Fixtures.limitPolicy(), Fixtures.LIMIT_POLICY, "1.0.0", "limitpolicy", Map.of("-metatypeannotations", "*",
                "Porchlight-Agency-Configuration", "org.porchlight.itest.limitpolicy;agency=\"porchlight.policy.agency\""));
        Map<String, String> schema = Map.of(
                "Porchlight-Schema", Fixtures.NOTES_SCHEMA,
                "-includeresource", "db/migration=" + classes().resolve("org/porchlight/itests/fixture/notes/db/migration"));
        build(Fixtures.notes(), Fixtures.NOTES, "1.0.0", "notes", schema);
        build(Fixtures.notesImpostor(), Fixtures.NOTES_IMPOSTOR, "1.0.0", "notes", schema);
        // The notes with a third migration that fails halfway through (UpgradeIT).
        build(Fixtures.notesBrokenMigration(), Fixtures.NOTES, "3.0.0", "notes", Map.of("Porchlight-Schema", Fixtures.NOTES_SCHEMA,
                "-includeresource", "db/migration=" + classes().resolve("org/porchlight/itests/fixture/notes/db/migration") + ", "
                        + "db/migration/V3__tag_notes_broken.sql="
                        + classes().resolve("org/porchlight/itests/fixture/notes/broken/V3__tag_notes_broken.sql")));
        build(Fixtures.greetingUnresolvable(), Fixtures.GREETING, "3.0.0", "greeting.v2",
                Map.of("Import-Package", "org.example.nobody.exports.this, jakarta.ws.rs.core, *"));
        Signing.makeKeys();
        for (Path fixture : List.of(Fixtures.greeting(1), Fixtures.greeting(2), Fixtures.echo(), Fixtures.failing(),
                Fixtures.fanOut(), Fixtures.greetingUnresolvable(), Fixtures.notesBrokenMigration(), Fixtures.settable(),
                Fixtures.limitPolicy())) {
            Signing.sign(fixture, Fixtures.signed(fixture), "vendor");
        }
        Signing.sign(Fixtures.greeting(1), Fixtures.signedByStranger(Fixtures.greeting(1)), "stranger");
        buildAgencyPlugin();
        build(Fixtures.releasedSdkPlugin(), Fixtures.RELEASED_SDK_PLUGIN, "1.0.0", "oldsdk", Map.of(),
                releasedSdkClasses(), releasedSdk());
    }

    /** Builds the agency's own module, unsigned and signed with the agency key, once per JVM (all a browser test needs). */
    public static synchronized void buildAgencyPlugin() {
        if (agencyPluginBuilt) {
            return;
        }
        agencyPluginBuilt = true;
        Signing.makeKeys();
        build(Fixtures.agencyPlugin(), Fixtures.AGENCY_PLUGIN, "1.0.0", "agencyplugin", Map.of());
        Signing.sign(Fixtures.agencyPlugin(), Fixtures.agencyPluginSigned(), "agency");
    }

    private static void build(Path target, String symbolicName, String version, String fixturePackage,
            Map<String, String> extra) {
        build(target, symbolicName, version, fixturePackage, extra, classes(), null);
    }

    /**
     * @param sdk the SDK jar to build against instead of the current one on the class path (whose
     *            exports would otherwise give the imports their versions), or null for the current one
     */
    private static void build(Path target, String symbolicName, String version, String fixturePackage,
            Map<String, String> extra, Path classes, Path sdk) {
        try (Builder builder = new Builder()) {
            Map<String, String> instructions = new TreeMap<>(Map.of("Import-Package", "jakarta.ws.rs.core, *"));
            instructions.putAll(extra);
            instructions.put("Bundle-SymbolicName", symbolicName);
            instructions.put("Bundle-Version", version);
            instructions.put("Private-Package", FIXTURE + fixturePackage);
            instructions.put("-dsannotations", "*");
            instructions.forEach(builder::setProperty);
            // The class path only tells bnd where packages come from and in which versions.
            builder.addClasspath(classes.toFile());
            if (sdk != null) {
                builder.addClasspath(sdk.toFile());
            }
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    Jar onClassPath = new Jar(new File(entry));
                    if (sdk != null && SDK.equals(onClassPath.getBsn())) {
                        onClassPath.close();
                    } else {
                        builder.addClasspath(onClassPath);
                    }
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

    /** Classes compiled against an SDK release (itests/fixtures-released-sdk). */
    private static Path releasedSdkClasses() {
        return Path.of(System.getProperty("porchlight.fixtures.released-sdk.classes", "../fixtures-released-sdk/target/classes"))
                .toAbsolutePath();
    }

    /** That SDK release's jar, which the build copies from sdk-releases/. */
    private static Path releasedSdk() {
        Path jar = Path.of(System.getProperty("porchlight.sdk.released.jar", "target/released-sdk/porchlight-api.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no released SDK at " + jar + ": build itests/osgi with Maven, which copies it there");
        }
        return jar;
    }
}
