package org.porchlight.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that fail fast, before the framework starts, with a line that says what to fix. */
final class Preflight {

    private Preflight() {
    }

    static void dataFolderWritable(Path data) throws StartupFailure {
        try {
            Files.createDirectories(data);
            Path probe = Files.createTempFile(data, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new StartupFailure("The data folder " + data + " is not writable (permission denied on " + e.getFile()
                    + "); set PORCHLIGHT_DATA to a folder this user can write, or fix its permissions");
        } catch (IOException e) {
            throw new StartupFailure("The data folder " + data + " cannot be used (" + e + "); set PORCHLIGHT_DATA to "
                    + "a writable folder");
        }
    }

    /**
     * A FileInstall configuration in etc/ ({@code org.apache.felix.fileinstall-<name>.cfg}) would
     * have FileInstall install bundles from a folder by itself, around the module manager's
     * signature check; earlier versions shipped one for deploy/.
     */
    static void noBundleWatchInEtc(Path etc) throws StartupFailure {
        try (java.util.stream.Stream<Path> files = Files.list(etc)) {
            java.util.Optional<Path> watch = files
                    .filter(f -> f.getFileName().toString().matches("org\\.apache\\.felix\\.fileinstall-.+\\.cfg")).findFirst();
            if (watch.isPresent()) {
                throw new StartupFailure("etc/" + watch.get().getFileName() + " would let FileInstall install bundles without the "
                        + "signature check; deploy/ is watched by the module manager: delete the file");
            }
        } catch (IOException e) {
            throw new StartupFailure("The configuration folder " + etc + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** @param setting what sets this port, named in the line that says it is taken */
    static void portFree(String host, int port, String setting) throws StartupFailure {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new StartupFailure("Port " + port + " on " + host + " is already in use; stop what uses it or set "
                    + setting + " to a free port");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new StartupFailure("Cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); check PORCHLIGHT_HTTP_HOST and PORCHLIGHT_HTTP_PORT");
        }
    }
}
