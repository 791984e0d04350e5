package org.porchlight.testing.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

    static final Duration AWAIT = Duration.ofSeconds(60);
    private static final Duration SIGN_IN_AGAIN = Duration.ofMinutes(5);

    private final Path home;
    private final int port;
    private final ServerProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> accounts = new HashMap<>();
    private final Map<String, PortalClient> clients = new HashMap<>();
    private final Map<String, Instant> signedInAt = new HashMap<>();
    private boolean agencyCreated;
    /** Symbolic names of the modules the builder deployed: the test agency enables each. */
    private final List<String> deployed;

    PorchlightServer(Path home, int port, ServerProcess process, List<String> deployed) {
        this.home = home;
        this.port = port;
        this.process = process;
        this.deployed = List.copyOf(deployed);
    }

    public static PorchlightServerBuilder builder() {
        return new PorchlightServerBuilder();
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
        return await(anonymous(), path, until, timeout);
    }

    /** As {@link #await(String, Predicate, Duration)}, asking as {@code client}. */
    public PortalClient.Response await(PortalClient client, String path, Predicate<PortalClient.Response> until,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PortalClient.Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = client.get(path);
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
        // A plugin serves only the agencies that enabled it: the test agency uses every module deployed for the test.
        for (String plugin : deployed) {
            enablePlugin(AGENCY, plugin, Map.of());
        }
    }

    /**
     * An agency enables a plugin for itself with these settings (checked against the plugin's metatype), as
     * its admin does in the portal; the platform admin does it here. The test agency has every deployed
     * module enabled already; call this for another agency, or to change the settings.
     */
    public void enablePlugin(String agency, String plugin, Map<String, Object> settings) {
        String path = "/api/agencies/" + agency + "/plugins/" + plugin;
        // A module deployed at the start may still be starting: the catalogue lists it once it runs.
        await(platformAdmin(), path, r -> r.status() == 200, AWAIT);
        expect(platformAdmin().put(path, Map.of("enabled", true, "settings", settings)), 200, "enabling " + plugin + " for " + agency);
    }

    /** An agency disables a plugin: its services and routes no longer serve the agency, its settings are forgotten. */
    public void disablePlugin(String agency, String plugin) {
        expect(platformAdmin().delete("/api/agencies/" + agency + "/plugins/" + plugin), 200,
                "disabling " + plugin + " for " + agency);
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

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
