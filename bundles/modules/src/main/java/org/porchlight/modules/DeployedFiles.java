package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file in {@code deploy/} that each module runs from, by symbolic name. The folder is the
 * lasting state, so what the API installs or updates is written there too; kept apart from the
 * manager so that which file belongs to which module, and how one is written, is decided in one place.
 */
final class DeployedFiles {

    private final Path folder;
    private final Map<String, Path> files = new ConcurrentHashMap<>();

    DeployedFiles(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** The module's file in the folder, if it has one. */
    Optional<Path> of(String symbolicName) {
        return Optional.ofNullable(files.get(symbolicName));
    }

    /** The module whose file {@code file} is, if any. */
    Optional<String> moduleOf(Path file) {
        return files.entrySet().stream().filter(e -> e.getValue().equals(file)).map(Map.Entry::getKey).findFirst();
    }

    /** {@code file}, which the folder's watch saw, is now the module's file. */
    void put(String symbolicName, Path file) {
        files.put(symbolicName, file);
    }

    /** Forgets the module's file; the file it had, if any (still on disk: the caller decides). */
    Optional<Path> remove(String symbolicName) {
        return Optional.ofNullable(files.remove(symbolicName));
    }

    /** Writes the accepted file to the folder as the module's file ({@code <name>.jar} unless it has one). */
    void keep(TrustDecision.Accepted jar) throws IOException {
        Files.createDirectories(folder);
        Path target = files.computeIfAbsent(jar.symbolicName(), name -> folder.resolve(name + ".jar"));
        // A hidden name the folder's filter (*.jar) ignores, then one atomic rename.
        Path staging = folder.resolve("." + target.getFileName() + ".part");
        Files.copy(jar.file(), staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
