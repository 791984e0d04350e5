package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a module file may run, and who vouches for it: the server itself (byte for byte a jar it
 * ships in {@code system/} or {@code plugins/}), a publisher whose key the trust store holds, or
 * nobody, which only the development setting accepts. Deny by default.
 */
final class TrustDecision {

    private static final Logger LOG = LoggerFactory.getLogger(TrustDecision.class);

    /** A file the platform will run, and who vouches for it; {@code shippedCore}: byte for byte its jar in system/. */
    record Accepted(ModuleJar jar, Provenance provenance, String publisher, boolean shippedCore) {
        Path file() {
            return jar.file();
        }

        String symbolicName() {
            return jar.symbolicName();
        }
    }

    private final TrustStore trust;
    private final boolean allowUnsigned;
    private final Path pluginsFolder;
    private final Function<String, Optional<Path>> systemJar;

    /**
     * @param systemJar the jar in {@code system/} that the core module of a name was installed from
     */
    TrustDecision(TrustStore trust, boolean allowUnsigned, Path pluginsFolder, Function<String, Optional<Path>> systemJar) {
        this.trust = trust;
        this.allowUnsigned = allowUnsigned;
        this.pluginsFolder = pluginsFolder;
        this.systemJar = systemJar;
    }

    TrustStore trust() {
        return trust;
    }

    boolean unsignedAllowed() {
        return allowUnsigned;
    }

    /** Inspects the file and decides; the reason if it may not run. */
    Accepted accept(Path file) throws IOException, ModuleRefusedException {
        ModuleJar jar = ModuleJar.inspect(file, trust);
        boolean shippedCore = systemJar.apply(jar.symbolicName()).map(core -> sameContent(core, jar)).orElse(false);
        if (shippedCore || shippedPlugin(jar)) {
            return new Accepted(jar, Provenance.CORE, null, shippedCore);
        }
        if (jar.signature().status() == ModuleJar.Signature.Status.TRUSTED) {
            return new Accepted(jar, jar.signature().publisher().provenance(), jar.signature().publisher().name(), false);
        }
        if (!allowUnsigned) {
            throw new ModuleRefusedException("the file is " + jar.signature().describe()
                    + "; modules must be signed by a key in the trust store (" + trust.folder() + ")");
        }
        LOG.warn("DEVELOPMENT SETTING: accepting {} {}, which is {}", jar.symbolicName(), jar.version(),
                jar.signature().describe());
        return new Accepted(jar, Provenance.UNVERIFIED, null, false);
    }

    /** Whether the file is, byte for byte, an optional plugin the server ships in {@code plugins/}. */
    private boolean shippedPlugin(ModuleJar jar) {
        if (!Files.isDirectory(pluginsFolder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(pluginsFolder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).anyMatch(f -> sameContent(f, jar));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean sameContent(Path file, ModuleJar jar) {
        try {
            return Files.size(file) == Files.size(jar.file()) && ModuleJar.sha256(file).equals(jar.sha256());
        } catch (IOException e) {
            return false;
        }
    }
}
