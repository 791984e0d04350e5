package org.porchlight.modules.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Each agency's own folder, {@code <porchlight.data>/agencies/<CODE>/}, and the folders an agency's
 * plugin settings name inside it: a relative path without {@code ..} that, symbolic links followed,
 * stays inside.
 */
final class AgencyFolders {

    private static final String LEAVES = "leaves the agency's folder (a symbolic link)";

    private final Path agencies;

    /** @param data the server's data folder */
    AgencyFolders(Path data) {
        this.agencies = data.resolve("agencies").toAbsolutePath().normalize();
    }

    /** The agency's own folder (not created). */
    Path root(String agency) {
        return agencies.resolve(agency);
    }

    /**
     * The folder a setting names, created if missing.
     *
     * @throws IllegalArgumentException with what is wrong, if the value may not name a folder of the agency
     */
    Path resolve(String agency, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("must name a folder");
        }
        Path relative;
        try {
            relative = Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a folder name");
        }
        if (relative.isAbsolute() || value.strip().startsWith("/") || value.strip().startsWith("\\")) {
            throw new IllegalArgumentException("must be a folder inside the agency's folder, not an absolute path");
        }
        for (Path part : relative) {
            if (part.toString().equals("..") || part.toString().contains("\\")) {
                throw new IllegalArgumentException("may not contain ..");
            }
        }
        Path root = root(agency);
        Path folder = root.resolve(relative).normalize();
        try {
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            Path existing = folder;
            while (!Files.exists(existing)) {
                existing = existing.getParent(); // root exists, so this ends there at the latest
            }
            // Check before creating anything: a link on the way must not make folders elsewhere.
            if (!existing.toRealPath().startsWith(realRoot)) {
                throw new IllegalArgumentException(LEAVES);
            }
            Files.createDirectories(folder);
            if (!folder.toRealPath().startsWith(realRoot)) {
                throw new IllegalArgumentException(LEAVES);
            }
            return folder;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be used as a folder (" + e.getClass().getSimpleName() + ")");
        }
    }
}
