package org.porchlight.itests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Signing;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * The module with a portal page of its own (itests/fixtures, package {@code adminpage}): built
 * with bnd as FixtureBundles builds the others, with its templates and texts at {@code ui/}, and
 * signed by the test vendor. Runs in the test JVM before the framework boots.
 */
final class AdminFixtureBundle {

    static final String SYMBOLIC_NAME = "org.porchlight.itest.adminpage";
    static final String PAGE = "/itest/module-page";

    private static boolean built;

    private AdminFixtureBundle() {
    }

    static Path jar() {
        return Fixtures.jar("admin-page");
    }

    static Path signed() {
        return Fixtures.signed(jar());
    }

    /** The same module as version 2.0.0, signed: an update whose page shows its new version. */
    static Path signedUpdate() {
        return Fixtures.signed(Fixtures.jar("admin-page-2"));
    }

    /** Builds and signs the bundle (after FixtureBundles made the signing keys). */
    static synchronized void build() {
        if (built) {
            return;
        }
        built = true;
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
