package org.porchlight.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The distribution built by the distribution module, and scratch copies of its home folder. Its
 * file helpers repeat the harness's {@code FileTrees} on purpose: Pax Exam tests call them inside
 * the framework's probe, where the harness is not deployed.
 */
public final class Distribution {

    /** The tests' allowance of resident sign-ups per client address and window (the shipped default is 5). */
    public static final int SIGN_UPS_PER_ADDRESS = 1_000_000;

    private Distribution() {
    }

    public static Path folder() {
        Path dist = Path.of(System.getProperty("porchlight.distribution", "../../distribution/target/porchlight"));
        if (!Files.isDirectory(dist.resolve("system"))) {
            throw new IllegalStateException("No distribution at " + dist.toAbsolutePath() + "; build it first (mvn package)");
        }
        return dist.toAbsolutePath().normalize();
    }

    /**
     * A fresh home for one test run: copies of bin/ and etc/ (tests may change them), links to
     * lib/ and system/ (they never change), and empty deploy/ and data/.
     */
    public static Path freshHome(String name) {
        return freshHome(name, folder());
    }

    /** A fresh home as {@link #freshHome(String)} gives, of the distribution in {@code dist} (e.g. a release's). */
    public static Path freshHome(String name, Path dist) {
        Path home = Fixtures.work().resolve("homes").resolve(name);
        try {
            delete(home);
            Files.createDirectories(home.resolve("deploy"));
            Files.createDirectories(home.resolve("data"));
            copy(dist.resolve("etc"), home.resolve("etc"));
            copy(dist.resolve("bin"), home.resolve("bin"));
            Files.createSymbolicLink(home.resolve("lib"), dist.resolve("lib"));
            Files.createSymbolicLink(home.resolve("system"), dist.resolve("system"));
            Files.createSymbolicLink(home.resolve("plugins"), dist.resolve("plugins"));
            // The test vendor's key signs the fixtures that go through deploy/ and the admin API.
            Files.createDirectories(home.resolve("etc/trust/vendor"));
            Files.copy(Signing.vendorCertificate(), home.resolve("etc/trust/vendor/itest.pem"));
            // An agency's key, trusted for that agency's own modules alone.
            Files.createDirectories(home.resolve("etc/trust/agency"));
            Files.copy(Signing.agencyCertificate(), home.resolve("etc/trust/agency/" + Fixtures.AGENCY_PLUGIN_OWNER + ".pem"));
            // Every test signs its residents up from 127.0.0.1, many per run, and the PostgreSQL
            // database keeps the count across runs: the sign-up allowance per address is raised here.
            // The throttle's own tests set it back to the shipped 5 and speak from addresses of their own.
            Path identity = home.resolve("etc/org.porchlight.identity.cfg");
            String shipped = Files.readString(identity).replaceAll("(?m)^signUpsPerAddress\\s*=.*$", "");
            Files.writeString(identity, shipped + "\n# itests: many residents from one address\nsignUpsPerAddress = "
                    + SIGN_UPS_PER_ADDRESS + "\n");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the tree {@code from} to {@code to}, files with their attributes (permissions). */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes the tree {@code path}, if it is there (a link itself, not what it points to). */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
