package org.porchlight.itests.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * The module with a portal page of its own (itests/fixtures, package {@code adminpage}): built
 * with bnd as FixtureBundles builds the others, with its templates and texts at {@code ui/}, and
 * signed by the test vendor. Runs in the test JVM (before the framework boots, for Pax Exam); the
 * browser tests (itests/browser) build it too, to upload through the portal's modules page.
 */
public final class AdminFixtureBundle {

    public static final String SYMBOLIC_NAME = "org.porchlight.itest.adminpage";
    public static final String PAGE = "/itest/module-page";

    private static boolean built;

    private AdminFixtureBundle() {
    }

    /** The module, version 1.0.0, unsigned. */
    public static Path jar() {
        return Fixtures.jar("admin-page");
    }

    /** The module, version 1.0.0, signed by the test vendor. */
    public static Path signed() {
        return Fixtures.signed(jar());
    }

    /** The same module as version 2.0.0, signed: an update whose page shows its new version. */
    public static Path signedUpdate() {
        return Fixtures.signed(Fixtures.jar("admin-page-2"));
    }

    /** Builds and signs both versions, once per JVM (with the signing keys this JVM made, or makes now). */
    public static synchronized void build() {
        if (built) {
            return;
        }
        built = true;
        Signing.makeKeys();
        build("1.0.0", jar());
        build("2.0.0", Fixtures.jar("admin-page-2"));
    }

    private static void build(String version, Path target) {
        Path classes = Path.of(System.getProperty("porchlight.fixtures.classes", "../fixtures/target/classes")).toAbsolutePath();
        try (Builder builder = new Builder()) {
            Map<String, String> instructions = new TreeMap<>();
            instructions.put("Import-Package", "*");
            instructions.put("Bundle-SymbolicName", SYMBOLIC_NAME);
            instructions.put("Bundle-Name", "Itest module page");
            instructions.put("Bundle-Version", version);
            instructions.put("Private-Package", "org.porchlight.itests.fixture.adminpage");
            instructions.put("-includeresource", "ui=" + classes.resolve("org/porchlight/itests/fixture/adminpage/ui"));
            instructions.put("-dsannotations", "*");
            instructions.forEach(builder::setProperty);
            builder.addClasspath(classes.toFile());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    builder.addClasspath(new Jar(new File(entry)));
                }
            }
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build " + SYMBOLIC_NAME + ": " + builder.getErrors());
            }
            Files.createDirectories(target.getParent());
            jar.write(target.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("bnd could not build " + SYMBOLIC_NAME, e);
        }
        Signing.sign(target, Fixtures.signed(target), "vendor");
    }
}
