package org.porchlight.testing.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
/** What to run: the distribution, the modules and certificates to deploy, the database. */
public final class PorchlightServerBuilder {

    private Path distribution = property("porchlight.distribution").map(Path::of).orElse(null);
    private Path work = Path.of(property("porchlight.work").orElse("target/porchlight-test"));
    private final List<Path> modules = new ArrayList<>();
    private final Map<String, Path> trusted = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> configuration = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(120);

    PorchlightServerBuilder() {
        property("porchlight.module").ifPresent(jar -> modules.add(Path.of(jar)));
        String vendor = property("porchlight.vendor").orElse("plugin");
        property("porchlight.certificate").ifPresent(pem -> trusted.put(vendor, Path.of(pem)));
        property("porchlight.test.db.url").ifPresent(url -> postgres(url, property("porchlight.test.db.user").orElse(null),
                property("porchlight.test.db.password").orElse(null)));
    }

    /** The distribution: its zip ({@code porchlight-distribution-<version>-porchlight.zip}) or an unpacked folder. */
    public PorchlightServerBuilder distribution(Path zipOrFolder) {
        this.distribution = zipOrFolder;
        return this;
    }

    /** The scratch folder; each start empties {@code <work>/home}. */
    public PorchlightServerBuilder work(Path folder) {
        this.work = folder;
        return this;
    }

    /** A module to put into {@code deploy/} before the start (signed, unless its certificate is not trusted on purpose). */
    public PorchlightServerBuilder module(Path jar) {
        modules.add(jar);
        return this;
    }

    /** Trusts a vendor's certificate (PEM): {@code etc/trust/vendor/<name>.pem}. */
    public PorchlightServerBuilder trust(String name, Path certificate) {
        trusted.put(name, certificate);
        return this;
    }

    /** A configuration file {@code etc/<name>} (e.g. {@code com.acme.notes.cfg}), read by FileInstall at start. */
    public PorchlightServerBuilder configuration(String name, String content) {
        configuration.put(name, content);
        return this;
    }

    /**
     * Address ranges the server may connect out to although they are loopback, private or its own
     * ({@code etc/org.porchlight.outbound.cfg}, {@code allowedRanges}), e.g. {@code "127.0.0.1/32"}
     * for a test whose feed or webhook receiver runs on this machine and that the plugin reaches
     * through the SDK's {@code OutboundHttp}. Without it the server connects to public addresses
     * only, as in production.
     */
    public PorchlightServerBuilder allowOutbound(String... ranges) {
        configuration.put("org.porchlight.outbound.cfg", "allowedRanges = " + String.join(",", ranges) + "\n");
        return this;
    }

    /** An environment variable of {@code bin/porchlight} (see the script's head for the PORCHLIGHT_ ones). */
    public PorchlightServerBuilder environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * PostgreSQL instead of the embedded H2. Give each run a database of its own (or an emptied
     * one): the server records its keys there, and a second installation with other keys is DOWN.
     */
    public PorchlightServerBuilder postgres(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return this;
        }
        environment.put("PORCHLIGHT_DB_URL", jdbcUrl);
        if (user != null && !user.isBlank()) {
            environment.put("PORCHLIGHT_DB_USER", user);
        }
        if (password != null && !password.isBlank()) {
            environment.put("PORCHLIGHT_DB_PASSWORD", password);
        }
        return this;
    }

    public PorchlightServerBuilder startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    private static List<String> symbolicNames(List<Path> jars) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                String name = file.getManifest() == null ? null
                        : file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                if (name != null) {
                    names.add(name.split(";", 2)[0].trim());
                }
            }
        }
        return names;
    }

    /** Unpacks, deploys, starts, and returns once {@code /api/health} answers 200 and sign-in is served. */
    public PorchlightServer start() {
        if (distribution == null) {
            throw new IllegalStateException("No distribution: set the system property porchlight.distribution "
                    + "(the archetype's POM does) or call distribution(path)");
        }
        try {
            Path home = work.toAbsolutePath().resolve("home");
            FileTrees.delete(home);
            if (Files.isDirectory(distribution)) {
                FileTrees.copy(distribution, home);
            } else {
                unzip(distribution, home);
            }
            // Zip files do not keep Unix permissions in every tool: the scripts must run.
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                scripts.forEach(script -> script.toFile().setExecutable(true));
            }
            Files.createDirectories(home.resolve("deploy"));
            for (Path jar : modules) {
                Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(home.resolve("etc/trust/vendor"));
            for (Map.Entry<String, Path> certificate : trusted.entrySet()) {
                Files.copy(certificate.getValue(), home.resolve("etc/trust/vendor").resolve(certificate.getKey() + ".pem"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            for (Map.Entry<String, String> file : configuration.entrySet()) {
                Files.writeString(home.resolve("etc").resolve(file.getKey()), file.getValue());
            }
            int port = PorchlightServer.freePort();
            Map<String, String> env = new HashMap<>(environment);
            env.put("PORCHLIGHT_HTTP_PORT", Integer.toString(port));
            env.put("PORCHLIGHT_ADMIN_EMAIL", PorchlightServer.ADMIN_EMAIL);
            env.put("PORCHLIGHT_ADMIN_PASSWORD", PorchlightServer.ADMIN_PASSWORD);
            ServerProcess process = ServerProcess.start(home, env);
            PorchlightServer server = new PorchlightServer(home, port, process, symbolicNames(modules));
            try {
                process.awaitReady(startTimeout);
                server.await("/api/health", r -> r.status() == 200, PorchlightServer.AWAIT);
                // Health is UP once the database is; the sign-in route may register a moment later.
                server.await("/api/auth/token", r -> r.status() != 404, PorchlightServer.AWAIT);
                return server;
            } catch (RuntimeException | Error | InterruptedException e) {
                process.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(v -> !v.isBlank());
    }

    static void unzip(Path zip, Path to) throws IOException {
        Path root = to.normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }
}
