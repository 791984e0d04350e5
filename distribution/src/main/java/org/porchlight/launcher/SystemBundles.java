package org.porchlight.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The core bundles of a distribution: every jar in {@code system/}, with the start level that
 * {@code etc/startup.properties} gives its symbolic name. The launcher and the integration tests
 * both boot from this list, so that they run the same bundle set.
 */
public final class SystemBundles {

    /**
     * @param jar          the bundle file
     * @param symbolicName its Bundle-SymbolicName, without directives
     * @param startLevel   the start level to start it at
     * @param fragment     fragments are installed, never started
     */
    public record SystemBundle(Path jar, String symbolicName, int startLevel, boolean fragment) {
    }

    private SystemBundles() {
    }

    /** The bundles in start order: by start level, then by symbolic name. */
    public static List<SystemBundle> read(Path home) {
        Properties levels = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/startup.properties"))) {
            levels.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + home.resolve("etc/startup.properties"), e);
        }
        int defaultLevel = Integer.parseInt(levels.getProperty("default", "10").trim());
        List<SystemBundle> bundles = new ArrayList<>();
        try (Stream<Path> jars = Files.list(home.resolve("system"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                Attributes manifest = manifest(jar);
                String name = manifest.getValue("Bundle-SymbolicName");
                if (name == null) {
                    throw new IllegalStateException(jar + " in system/ is not an OSGi bundle");
                }
                name = name.split(";")[0].trim();
                String level = levels.getProperty(name);
                bundles.add(new SystemBundle(jar.toAbsolutePath(), name,
                        level == null ? defaultLevel : Integer.parseInt(level.trim()),
                        manifest.getValue("Fragment-Host") != null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + home.resolve("system"), e);
        }
        bundles.sort(Comparator.comparingInt(SystemBundle::startLevel).thenComparing(SystemBundle::symbolicName));
        return bundles;
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes();
        }
    }
}
