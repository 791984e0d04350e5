package org.porchlight.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The distribution built by the distribution module, and scratch copies of its home folder. */
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
        Path home = Fixtures.work().resolve("homes").resolve(name);
        try {
            delete(home);
            Files.createDirectories(home.resolve("deploy"));
            Files.createDirectories(home.resolve("data"));
            copy(folder().resolve("etc"), home.resolve("etc"));
            copy(folder().resolve("bin"), home.resolve("bin"));
            Files.createSymbolicLink(home.resolve("lib"), folder().resolve("lib"));
            Files.createSymbolicLink(home.resolve("system"), folder().resolve("system"));
            Files.createSymbolicLink(home.resolve("plugins"), folder().resolve("plugins"));
            // The test vendor's key signs the fixtures that go through deploy/ and the admin API.
            Files.createDirectories(home.resolve("etc/trust/vendor"));
            Files.copy(Signing.vendorCertificate(), home.resolve("etc/trust/vendor/itest.pem"));
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

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
