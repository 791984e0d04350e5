package org.porchlight.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Base of the Pax Exam tests: boots the distribution's bundle set once per test class, waits
 * until {@code /api/health} answers 200, and installs test bundles on request.
 */
public abstract class PorchlightTestSupport {

    protected static final Duration SWAP_TIMEOUT = Duration.ofSeconds(20);

    /** The platform admin every test framework starts with (test-only credentials). */
    public static final String ADMIN_EMAIL = "admin@itest.example";
    public static final String ADMIN_PASSWORD = "itest platform passphrase";

    @Inject
    protected BundleContext context;

    protected Http http;

    @Configuration
    public Option[] configuration() {
        Map<String, String> settings = settings();
        if (settings.containsKey("porchlight.db.url")) {
            SharedPostgres.newInstallation();
        }
        return PorchlightOptions.boot(getClass().getSimpleName(), settings);
    }

    /** The evidence master key of the shared PostgreSQL database's "cluster": a test key, used nowhere else. */
    public static final String POSTGRES_EVIDENCE_KEY = "cG9yY2hsaWdodCBldmlkZW5jZSBpdGVzdCBrZXkgISE=";

    /**
     * Framework properties for the shared PostgreSQL test database, as every node of a cluster has
     * them: its URL and user, and the cluster's evidence master key (evidence rows outlive the run
     * there, and a key generated afresh could open none of them, so the evidence bundle would refuse
     * to start).
     */
    protected static Map<String, String> postgres() {
        return Map.of(
                "porchlight.db.url", SharedPostgres.url(),
                "porchlight.db.user", SharedPostgres.user(),
                "porchlight.evidence.key", POSTGRES_EVIDENCE_KEY);
    }

    /** The same settings as {@link #postgres()}, as the environment of {@code bin/porchlight} (ServerProcess). */
    public static Map<String, String> postgresEnvironment() {
        return Map.of(
                "PORCHLIGHT_DB_URL", SharedPostgres.url(),
                "PORCHLIGHT_DB_USER", SharedPostgres.user(),
                "PORCHLIGHT_EVIDENCE_KEY", POSTGRES_EVIDENCE_KEY);
    }

    /** Extra framework properties for this class, e.g. the database URL. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Before
    public void awaitServer() throws InterruptedException {
        http = new Http(Integer.parseInt(context.getProperty("porchlight.http.port")));
        http.await("/api/health", r -> r.status() == 200, Duration.ofSeconds(60));
        // Health is UP once the database is; the sign-in route may register a moment later.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (http.postForm("/api/auth/token", Map.of()).status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Signs in with a password; fails the test unless it works. Returns the token response. */
    protected JsonNode signIn(String email, String password) {
        Http.Response r = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("sign-in of " + email + " failed: " + r);
        }
        return r.json();
    }

    /** Headers that authenticate as the platform admin. */
    protected String[] asAdmin() {
        return bearer(signIn(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText());
    }

    /** Password of the residents and staff that tests create. */
    protected static final String PEOPLE_PASSWORD = "people in tests passphrase";

    /** Signs a resident up (once) and in. */
    protected String[] residentSession(String email) {
        http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PEOPLE_PASSWORD + "\",\"displayName\":\"R\"}");
        return bearer(signIn(email, PEOPLE_PASSWORD).path("access_token").asText());
    }

    /** Invites and activates a staff member of {@code agency} (once), and signs them in. */
    protected String[] staffSession(String agency, String email, String role, String[] admin) {
        Http.Response invited = http.postJson("/api/agencies/" + agency + "/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"Staff\",\"role\":\"" + role + "\"}", admin);
        if (invited.status() == 201) {
            http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText()
                    + "\",\"password\":\"" + PEOPLE_PASSWORD + "\"}");
        }
        return bearer(signIn(email, PEOPLE_PASSWORD).path("access_token").asText());
    }

    /** A portal page, sent with the session's cookies; the session keeps what the answer sets. */
    protected Http.Response page(PortalSession session, String path, String... headers) {
        http.await("/", r -> r.status() == 200, SWAP_TIMEOUT);
        return session.keep(http.get(path, session.headers(headers)));
    }

    /** A form posted to the portal with the session's cookies (the form names its own {@code csrf} field, or not). */
    protected Http.Response submit(PortalSession session, String path, Map<String, String> form, String... headers) {
        return session.keep(http.postForm(path, form, session.headers(headers)));
    }

    /**
     * A multipart form as a browser sends it, with the session's cookies: the field {@code csrf}, then
     * {@code content} as the file {@code fileName} of the field {@code field}.
     */
    protected Http.Response submitFile(PortalSession session, String path, String csrf, String field, String fileName,
            String type, byte[] content) {
        String boundary = "----porchlight" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return session.keep(http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), session.headers()));
    }

    /** A module file sent with a portal form as its field {@code module}, as the modules pages take it. */
    protected Http.Response submitModule(PortalSession session, String path, Path jar) {
        try {
            return submitFile(session, path, session.csrf, "module", jar.getFileName().toString(), "application/java-archive",
                    Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every audit entry after the sequence number {@code after}, all pages: on PostgreSQL the chain
     * holds earlier classes' and runs' entries, so a test reads only what came after its start.
     */
    protected List<JsonNode> auditEntries(long after, String[] admin) {
        List<JsonNode> entries = new ArrayList<>();
        Long from = after;
        while (from != null) {
            JsonNode page = http.get("/api/audit?limit=1000&after=" + from, admin).json();
            page.path("entries").forEach(entries::add);
            from = page.path("next").isNumber() ? page.path("next").asLong() : null;
        }
        return entries;
    }

    /** The audit chain's last sequence number now (0 if empty): a test reads and awaits only what comes after it. */
    protected long auditMark(String[] admin) {
        List<JsonNode> entries = auditEntries(0, admin);
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).path("sequence").asLong();
    }

    /**
     * Waits (at most 20 s) until the audited actions of {@code tenant} starting with {@code prefix}, after
     * the sequence number {@code after}, each as {@code <action> <target>}, are as expected: entries recorded
     * within a transaction join the chain a moment after it commits.
     */
    protected void awaitAudited(String tenant, String prefix, long after, String[] admin, Predicate<List<String>> expected)
            throws InterruptedException {
        List<String> actions = List.of();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline;) {
            actions = new ArrayList<>();
            for (JsonNode entry : auditEntries(after, admin)) {
                if (tenant.equals(entry.path("tenant").asText()) && entry.path("action").asText().startsWith(prefix)) {
                    actions.add(entry.path("action").asText() + " " + entry.path("target").asText());
                }
            }
            if (expected.test(actions)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the audited actions of " + tenant + ": " + actions);
    }

    /** Signs in through the portal's form; fails the test unless it works. */
    protected PortalSession signedIn(String email, String password) {
        PortalSession session = new PortalSession();
        String token = PortalSession.formToken(page(session, "/sign-in"));
        Http.Response r = submit(session, "/sign-in", Map.of("csrf", token, "email", email, "password", password));
        if (r.status() != 303 || !"/start".equals(r.header("Location").orElse(""))) {
            throw new AssertionError("portal sign-in of " + email + " failed: " + r);
        }
        return session;
    }

    /** Invites and activates a new vendor account (password {@link #PEOPLE_PASSWORD}); returns its e-mail address. */
    protected String vendorAccount(String[] admin) {
        String email = "vendor-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        Http.Response invited = http.postJson("/api/vendors", "{\"email\":\"" + email + "\",\"displayName\":\"Vendor\"}", admin);
        if (invited.status() != 201) {
            throw new AssertionError("vendor invitation failed: " + invited);
        }
        Http.Response activated = http.postJson("/api/accounts/activate", "{\"token\":\""
                + invited.json().path("activationToken").asText() + "\",\"password\":\"" + PEOPLE_PASSWORD + "\"}");
        if (activated.status() != 200) {
            throw new AssertionError("vendor activation failed: " + activated);
        }
        return email;
    }

    /**
     * The agency enables a plugin for itself (as its admin would, or the platform admin), so that the
     * plugin's extension services and routes serve it; {@code plugin} is the bundle's symbolic name.
     */
    protected void enablePlugin(String agency, String plugin, String[] who) {
        Http.Response enabled = http.send("PUT", "/api/agencies/" + agency + "/plugins/" + plugin, "application/json",
                "{\"enabled\":true}", who);
        if (enabled.status() != 200) {
            throw new AssertionError("enabling " + plugin + " for " + agency + ": " + enabled.status() + " " + enabled.body());
        }
    }

    /** {@link #enablePlugin} for this test's own services, which the Pax Exam probe bundle registers. */
    protected void enableProbe(String agency, String[] who) {
        enablePlugin(agency, context.getBundle().getSymbolicName(), who);
    }

    protected static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** The store's DataSource, for tests that look at or tamper with tables directly. */
    protected javax.sql.DataSource primaryDataSource() throws Exception {
        return service(javax.sql.DataSource.class, "(porchlight.datasource=primary)");
    }

    /**
     * Empties the camera registry as the registry itself writes: the change log in the same
     * transaction as the deletion, so that its in-memory index follows.
     */
    protected void deleteAllCameras() throws Exception {
        try (java.sql.Connection c = primaryDataSource().getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO registry.camera_change (camera_id, changed_at) SELECT id, CURRENT_TIMESTAMP FROM registry.camera");
            s.execute("DELETE FROM registry.camera_agency");
            s.execute("DELETE FROM registry.camera");
            c.commit();
        }
    }

    /** The single number a query on the primary database answers, e.g. a COUNT(*). */
    protected long rows(String sql) {
        try (java.sql.Connection c = primaryDataSource().getConnection(); var s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A service, waiting for it while its bundle (re)starts. */
    protected <T> T service(Class<T> type, String filter) throws Exception {
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (var ref : context.getServiceReferences(type, filter)) {
                T service = context.getService(ref);
                if (service != null) {
                    return service;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type.getSimpleName() + " service");
    }

    /** Installs and starts a test bundle, replacing an earlier install of the same file. */
    protected Bundle install(Path jar) throws BundleException {
        Bundle existing = context.getBundle(location(jar));
        if (existing != null) {
            existing.uninstall();
        }
        try (var in = Files.newInputStream(jar)) {
            Bundle bundle = context.installBundle(location(jar), in);
            bundle.start();
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String location(Path jar) {
        return "itest:" + jar.getFileName();
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
