package org.porchlight.testing.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Porchlight distribution run as an operator runs it, with a plugin deployed: unpacked into a
 * fresh folder, the plugin's jar in {@code deploy/} and its certificate in {@code etc/trust/vendor/},
 * {@code bin/porchlight} started on a free port, and signed-in clients for each role: API clients with a
 * bearer token ({@link #officer()}) and browsers in the web portal ({@link #browser(String)}).
 *
 * <pre>{@code
 * try (PorchlightServer server = PorchlightServer.builder().module(jar).trust("acme", certificate).start()) {
 *     server.awaitHealthCheck("acme");
 *     assertThat(server.officer().get("/api/acme/agencies/TEST/notes").status()).isEqualTo(200);
 * }
 * }</pre>
 *
 * Without arguments the builder reads the Maven build's system properties (the archetype's POM
 * sets them): {@code porchlight.distribution} (the distribution's zip or an unpacked folder),
 * {@code porchlight.module} (the plugin's signed jar), {@code porchlight.certificate} (its PEM) and
 * {@code porchlight.vendor} (the name it is trusted under, as the module's publisher),
 * {@code porchlight.work} (scratch folder), and {@code porchlight.test.db.url}/{@code .user}/
 * {@code .password} for PostgreSQL instead of the embedded H2.
 */
public final class PorchlightServer implements AutoCloseable {

    /** The agency that {@link #agencyAdmin()} and {@link #officer()} belong to. */
    public static final String AGENCY = "TEST";
    /** The platform admin the server creates at its first start (PORCHLIGHT_ADMIN_EMAIL). */
    public static final String ADMIN_EMAIL = "admin@plugin-test.example";
    /** Password of the platform admin; test-only (a password may not contain its account's e-mail name). */
    public static final String ADMIN_PASSWORD = "harness platform passphrase 9";
    /** Password of every other account the harness creates; test-only. */
    public static final String PASSWORD = "harness people passphrase 7";

    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final Duration SIGN_IN_AGAIN = Duration.ofMinutes(5);

    private final Path home;
    private final int port;
    private final ServerProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> accounts = new HashMap<>();
    private final Map<String, PortalClient> clients = new HashMap<>();
    private final Map<String, Instant> signedInAt = new HashMap<>();
    private boolean agencyCreated;

    private PorchlightServer(Path home, int port, ServerProcess process) {
        this.home = home;
        this.port = port;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server's folder: {@code etc/}, {@code deploy/}, {@code data/}, and its output in {@code stdout.log}. */
    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    /** The running {@code bin/porchlight}: its output, or a kill for crash tests. */
    public ServerProcess process() {
        return process;
    }

    /** A client signed in as nobody. */
    public PortalClient anonymous() {
        return new PortalClient(http, base(), null);
    }

    /** The platform admin (PORCHLIGHT_ADMIN_EMAIL/PASSWORD at the first start). */
    public synchronized PortalClient platformAdmin() {
        return client("platform-admin", () -> ADMIN_EMAIL);
    }

    /** A browser in the web portal, signed in as nobody: public pages, and the sign-in form. */
    public PortalSession browser() {
        return new PortalSession(base());
    }

    /**
     * A new browser signed in to the web portal through its sign-in form, as the harness's account of
     * {@code role} (a name of {@code org.porchlight.api.security.Roles}): {@code PLATFORM_ADMIN}, {@code RESIDENT},
     * or a staff role of agency {@value #AGENCY} ({@code OFFICER}, {@code SUPERVISOR}, {@code PIO}, {@code AGENCY_ADMIN}).
     * The same account as the API client of that role, so that what one does the other sees.
     */
    public synchronized PortalSession browser(String role) {
        String email = switch (role) {
            case "PLATFORM_ADMIN" -> ADMIN_EMAIL;
            case "RESIDENT" -> account("resident", this::signUpResident);
            case "OFFICER", "SUPERVISOR", "PIO", "AGENCY_ADMIN" -> account(role, () -> inviteStaff(role));
            default -> throw new IllegalArgumentException("no harness account for the role " + role);
        };
        PortalSession session = browser();
        PortalClient.Response r = session.signIn(email, email.equals(ADMIN_EMAIL) ? ADMIN_PASSWORD : PASSWORD);
        if (r.status() != 303 || !r.header("Location").orElse("").equals(PortalSession.SIGNED_IN)) {
            throw new AssertionError("portal sign-in of " + role + " failed: " + r);
        }
        return session;
    }

    /** The AGENCY_ADMIN of agency {@value #AGENCY}. */
    public synchronized PortalClient agencyAdmin() {
        return staff("AGENCY_ADMIN");
    }

    /** An OFFICER of agency {@value #AGENCY}. */
    public synchronized PortalClient officer() {
        return staff("OFFICER");
    }

    /** A SUPERVISOR of agency {@value #AGENCY}. */
    public synchronized PortalClient supervisor() {
        return staff("SUPERVISOR");
    }

    /** A resident, signed up through the public sign-up route. */
    public synchronized PortalClient resident() {
        return client("resident", this::signUpResident);
    }

    /** Signs in with a password; fails unless it works. */
    public PortalClient signIn(String email) {
        String password = email.equals(ADMIN_EMAIL) ? ADMIN_PASSWORD : PASSWORD;
        PortalClient.Response r = anonymous().postForm("/api/auth/token",
                Map.of("grant_type", "password", "username", email, "password", password));
        expect(r, 200, "sign-in of " + email);
        return new PortalClient(http, base(), r.json().path("access_token").asText());
    }

    /** Waits until {@code /api/health} lists the check {@code name} as UP, e.g. the plugin's own. */
    public void awaitHealthCheck(String name) {
        await("/api/health", r -> "UP".equals(r.json().path("checks").path(name).path("status").asText()), AWAIT);
    }

    /** Polls a path anonymously until its answer satisfies {@code until}; fails with the last answer. */
    public PortalClient.Response await(String path, Predicate<PortalClient.Response> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PortalClient.Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = anonymous().get(path);
                if (until.test(last)) {
                    return last;
                }
            } catch (UncheckedIOException | AssertionError notYet) {
                // not listening yet, or not JSON yet
            }
            sleep();
        }
        throw new AssertionError("GET " + path + " did not reach the expected answer within " + timeout + "; last: " + last
                + "\nserver output: " + tail(process.stdout()));
    }

    /** Stops the server (SIGTERM, as a service manager does) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    private PortalClient staff(String role) {
        return client(role, () -> inviteStaff(role));
    }

    private String signUpResident() {
        String email = "resident@plugin-test.example";
        // 202 whether or not the address was new: sign-up does not tell who has an account.
        expect(anonymous().post("/api/accounts", Map.of("email", email, "password", PASSWORD, "displayName", "Resident")),
                202, "resident sign-up");
        return email;
    }

    private String inviteStaff(String role) {
        ensureAgency();
        String email = role.toLowerCase().replace('_', '-') + "@" + AGENCY.toLowerCase() + ".plugin-test.example";
        PortalClient.Response invited = platformAdmin().post("/api/agencies/" + AGENCY + "/staff",
                Map.of("email", email, "displayName", role, "role", role));
        expect(invited, 201, "invitation of " + role);
        expect(anonymous().post("/api/accounts/activate", Map.of("token", invited.json().path("activationToken").asText(),
                "password", PASSWORD)), 200, "activation of " + role);
        return email;
    }

    /**
     * The e-mail address of one account, made once ({@code create} returns its address). Not computeIfAbsent:
     * making a staff account needs the platform admin's client from the same maps.
     */
    private String account(String key, Supplier<String> create) {
        String email = accounts.get(key);
        if (email == null) {
            email = create.get();
            accounts.put(key, email);
        }
        return email;
    }

    /**
     * The API client of one account, signed in again when its token is half way through the server's
     * default lifetime (accessTokenSeconds, 600), so that a long test class never meets an expired token.
     */
    private PortalClient client(String key, Supplier<String> create) {
        String email = account(key, create);
        PortalClient client = clients.get(key);
        if (client == null || signedInAt.get(key).isBefore(Instant.now().minus(SIGN_IN_AGAIN))) {
            client = signIn(email);
            clients.put(key, client);
            signedInAt.put(key, Instant.now());
        }
        return client;
    }

    private void ensureAgency() {
        if (agencyCreated) {
            return;
        }
        Map<String, Object> agency = new LinkedHashMap<>();
        agency.put("code", AGENCY);
        agency.put("name", "Test Police");
        agency.put("timeZone", "America/Chicago");
        agency.put("contactEmail", "records@test.plugin-test.example");
        agency.put("jurisdiction", Map.of("type", "circle", "center", Map.of("latitude", 39.0997, "longitude", -94.5786),
                "radiusMeters", 20000));
        expect(platformAdmin().post("/api/agencies", agency), 201, "agency " + AGENCY);
        agencyCreated = true;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void expect(PortalClient.Response r, int status, String what) {
        if (r.status() != status) {
            throw new AssertionError(what + " failed: " + r);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** What to run: the distribution, the modules and certificates to deploy, the database. */
    public static final class Builder {

        private Path distribution = property("porchlight.distribution").map(Path::of).orElse(null);
        private Path work = Path.of(property("porchlight.work").orElse("target/porchlight-test"));
        private final List<Path> modules = new ArrayList<>();
        private final Map<String, Path> trusted = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> configuration = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder() {
            property("porchlight.module").ifPresent(jar -> modules.add(Path.of(jar)));
            String vendor = property("porchlight.vendor").orElse("plugin");
            property("porchlight.certificate").ifPresent(pem -> trusted.put(vendor, Path.of(pem)));
            property("porchlight.test.db.url").ifPresent(url -> postgres(url, property("porchlight.test.db.user").orElse(null),
                    property("porchlight.test.db.password").orElse(null)));
        }

        /** The distribution: its zip ({@code porchlight-distribution-<version>-porchlight.zip}) or an unpacked folder. */
        public Builder distribution(Path zipOrFolder) {
            this.distribution = zipOrFolder;
            return this;
        }

        /** The scratch folder; each start empties {@code <work>/home}. */
        public Builder work(Path folder) {
            this.work = folder;
            return this;
        }

        /** A module to put into {@code deploy/} before the start (signed, unless its certificate is not trusted on purpose). */
        public Builder module(Path jar) {
            modules.add(jar);
            return this;
        }

        /** Trusts a vendor's certificate (PEM): {@code etc/trust/vendor/<name>.pem}. */
        public Builder trust(String name, Path certificate) {
            trusted.put(name, certificate);
            return this;
        }

        /** A configuration file {@code etc/<name>} (e.g. {@code com.acme.notes.cfg}), read by FileInstall at start. */
        public Builder configuration(String name, String content) {
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
        public Builder allowOutbound(String... ranges) {
            configuration.put("org.porchlight.outbound.cfg", "allowedRanges = " + String.join(",", ranges) + "\n");
            return this;
        }

        /** An environment variable of {@code bin/porchlight} (see the script's head for the PORCHLIGHT_ ones). */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /**
         * PostgreSQL instead of the embedded H2. Give each run a database of its own (or an emptied
         * one): the server records its keys there, and a second installation with other keys is DOWN.
         */
        public Builder postgres(String jdbcUrl, String user, String password) {
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

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
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
                int port = freePort();
                Map<String, String> env = new HashMap<>(environment);
                env.put("PORCHLIGHT_HTTP_PORT", Integer.toString(port));
                env.put("PORCHLIGHT_ADMIN_EMAIL", ADMIN_EMAIL);
                env.put("PORCHLIGHT_ADMIN_PASSWORD", ADMIN_PASSWORD);
                ServerProcess process = ServerProcess.start(home, env);
                PorchlightServer server = new PorchlightServer(home, port, process);
                try {
                    process.awaitReady(startTimeout);
                    server.await("/api/health", r -> r.status() == 200, AWAIT);
                    // Health is UP once the database is; the sign-in route may register a moment later.
                    server.await("/api/auth/token", r -> r.status() != 404, AWAIT);
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
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
