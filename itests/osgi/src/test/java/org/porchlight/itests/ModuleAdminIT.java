package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /api/admin/modules}, the shell commands and deploy/ over the running server: only bundles
 * signed by a trusted key run, a failed update leaves the running version, every action is
 * audited and answered with the resulting state.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleAdminIT extends PorchlightTestSupport {

    private static final String MODULES = "/api/admin/modules";

    @Test
    public void aSignedModuleIsInstalledUpdatedRolledBackStoppedStartedAndUninstalled() throws Exception {
        String[] admin = asAdmin();
        Http.Response installed = http.upload("POST", MODULES, Fixtures.signed(Fixtures.greeting(1)), admin);
        assertEquals(installed.body(), 201, installed.status());
        JsonNode module = installed.json();
        long id = module.path("id").asLong();
        assertEquals(Fixtures.GREETING, module.path("symbolicName").asText());
        assertEquals("ACTIVE", module.path("state").asText());
        assertEquals("vendor", module.path("provenance").asText());
        assertEquals("itest", module.path("publisher").asText());
        assertTrue(module.path("services").toString().contains("GreetingResource"));
        // The REST runtime takes the new routes in once the request that installed them is done.
        assertEquals(1, http.await("/api/itest/greeting", r -> r.status() == 200, SWAP_TIMEOUT).json().path("version").asInt());
        JsonNode routes = http.get(MODULES + "/" + id, admin).json().path("routes");
        assertTrue(routes.toString(), routes.toString().contains("GET /itest/greeting/slow"));
        assertTrue("kept in deploy/ for the next start", Files.isRegularFile(home().resolve("deploy/" + Fixtures.GREETING + ".jar")));
        assertEquals(409, http.upload("POST", MODULES, Fixtures.signed(Fixtures.greeting(1)), admin).status());

        Http.Response updated = http.upload("PUT", MODULES + "/" + id, Fixtures.signed(Fixtures.greeting(2)), admin);
        assertEquals(updated.body(), 200, updated.status());
        assertEquals("2.0.0", updated.json().path("version").asText());
        assertEquals("1.0.0", updated.json().path("previousVersion").asText());
        http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == 2, SWAP_TIMEOUT);

        // A version that does not resolve is refused, and version 2 carries on.
        Http.Response broken = http.upload("PUT", MODULES + "/" + id, Fixtures.signed(Fixtures.greetingUnresolvable()), admin);
        assertEquals(broken.body(), 422, broken.status());
        assertTrue(broken.body(), broken.json().path("detail").asText().contains("org.example.nobody.exports.this"));
        assertTrue(broken.body(), broken.json().path("detail").asText().contains("version 2.0.0 keeps running"));
        assertEquals(2, http.get("/api/itest/greeting").json().path("version").asInt());
        assertEquals("2.0.0", http.get(MODULES + "/" + id, admin).json().path("version").asText());

        Http.Response rolledBack = http.send("POST", MODULES + "/" + id + "/rollback", null, null, admin);
        assertEquals(rolledBack.body(), 200, rolledBack.status());
        assertEquals("1.0.0", rolledBack.json().path("version").asText());
        assertEquals("2.0.0", rolledBack.json().path("previousVersion").asText());
        http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == 1, SWAP_TIMEOUT);

        Http.Response stopped = http.send("POST", MODULES + "/" + id + "/stop", null, null, admin);
        assertEquals("RESOLVED", stopped.json().path("state").asText());
        http.await("/api/itest/greeting", r -> r.status() == 404, SWAP_TIMEOUT);
        Http.Response started = http.send("POST", MODULES + "/" + id + "/start", null, null, admin);
        assertEquals("ACTIVE", started.json().path("state").asText());
        assertEquals(200, http.await("/api/itest/greeting", r -> r.status() == 200, SWAP_TIMEOUT).status());

        Http.Response removed = http.send("DELETE", MODULES + "/" + id, null, null, admin);
        assertEquals(removed.body(), 200, removed.status());
        assertEquals("UNINSTALLED", removed.json().path("state").asText());
        http.await("/api/itest/greeting", r -> r.status() == 404, SWAP_TIMEOUT);
        assertFalse(Files.exists(home().resolve("deploy/" + Fixtures.GREETING + ".jar")));
        assertNull(bundle(Fixtures.GREETING));

        String audit = http.get("/api/audit?limit=1000", admin).body();
        for (String action : new String[] {"module.install", "module.update", "module.rollback", "module.stop", "module.start",
                "module.uninstall"}) {
            assertTrue(action, audit.contains(action));
        }
        assertTrue(audit.contains("module=" + Fixtures.GREETING + " version=2.0.0 from=1.0.0"));
    }

    @Test
    public void unsignedTamperedAndStrangersBundlesAreRefusedWithTheReason() throws Exception {
        String[] admin = asAdmin();
        assertRefused(http.upload("POST", MODULES, Fixtures.greeting(1), admin), "not signed");
        Http.Response json = http.send("POST", MODULES, "application/json", "{}", admin);
        assertEquals(json.body(), 415, json.status());
        assertTrue(json.body().contains("application/java-archive"));
        assertRefused(http.upload("POST", MODULES, Fixtures.signedByStranger(Fixtures.greeting(1)), admin),
                "signed by CN=Porchlight itest stranger");
        assertRefused(http.upload("POST", MODULES, tampered(Fixtures.signed(Fixtures.greeting(1))), admin), "changed after signing");
        Path notAJar = Files.createTempFile("not-a-bundle", ".jar");
        Files.writeString(notAJar, "hello");
        assertRefused(http.upload("POST", MODULES, notAJar, admin), "not a JAR");
        // A component that fails to activate: refused, and nothing of it is left installed.
        assertRefused(http.upload("POST", MODULES, Fixtures.signed(Fixtures.failing()), admin), "no licence key");
        assertNull(bundle(Fixtures.FAILING));
        assertNull(bundle(Fixtures.GREETING));

        JsonNode list = http.get(MODULES, admin).json();
        assertTrue(list.path("signaturesRequired").asBoolean());
        assertTrue(list.path("refused").size() >= 5);
        assertEquals("required", http.get("/api/health", admin).json().path("checks").path("modules").path("details")
                .path("signatures").asText());
    }

    @Test
    public void aSignedModuleWithAnEntryDeletedOrHiddenIsRefusedNamingTheEntryAndNothingIsInstalled() throws Exception {
        String[] admin = asAdmin();
        Path signed = Fixtures.signed(Fixtures.greeting(1));
        String deleted = firstClass(signed);
        Http.Response refused = http.upload("POST", MODULES, rewritten(signed, deleted, null), admin);
        assertRefused(refused, "the signed entry " + deleted + " is missing");
        // The same class moved into a directory entry's name, where the class loader would still find it.
        assertRefused(http.upload("POST", MODULES, rewritten(signed, deleted, deleted + "/"), admin),
                "the directory entry " + deleted + "/ has content");
        assertNull(bundle(Fixtures.GREETING));
        assertFalse(Files.exists(home().resolve("deploy/" + Fixtures.GREETING + ".jar")));

        // An update with an entry deleted is refused before the framework sees it: version 1 keeps running.
        Http.Response installed = http.upload("POST", MODULES, signed, admin);
        assertEquals(installed.body(), 201, installed.status());
        long id = installed.json().path("id").asLong();
        Path version2 = Fixtures.signed(Fixtures.greeting(2));
        assertRefused(http.upload("PUT", MODULES + "/" + id, rewritten(version2, firstClass(version2), null), admin), "is missing");
        assertEquals("1.0.0", http.get(MODULES + "/" + id, admin).json().path("version").asText());
        assertEquals(200, http.send("DELETE", MODULES + "/" + id, null, null, admin).status());
    }

    @Test
    public void onlyPlatformAdminsManageModulesAndThePlatformItselfIsProtected() throws Exception {
        String[] admin = asAdmin();
        String[] resident = residentSession("modules-resident@itest.example");
        assertEquals(403, http.get(MODULES, resident).status());
        assertEquals(403, http.upload("POST", MODULES, Fixtures.signed(Fixtures.greeting(1)), resident).status());
        assertNull(bundle(Fixtures.GREETING));

        long rest = bundle("org.porchlight.rest").getBundleId();
        Http.Response refused = http.send("POST", MODULES + "/" + rest + "/stop", null, null, admin);
        assertEquals(409, refused.status());
        assertEquals("urn:porchlight:problem:module-protected", refused.json().path("type").asText());
        assertEquals(Bundle.ACTIVE, bundle("org.porchlight.rest").getState());
        assertEquals(404, http.send("POST", MODULES + "/99999/stop", null, null, admin).status());
    }

    @Test
    public void theDevelopmentSettingAcceptsUnsignedModulesAndSaysSo() throws Exception {
        String[] admin = asAdmin();
        setAllowUnsigned(true);
        try {
            http.await("/api/health", r -> r.json().path("status").asText().equals("DEGRADED"), SWAP_TIMEOUT);
            JsonNode check = http.get("/api/health", admin).json().path("checks").path("modules");
            assertEquals("NOT REQUIRED", check.path("details").path("signatures").asText());
            Http.Response installed = http.upload("POST", MODULES, Fixtures.greeting(1), admin);
            assertEquals(installed.body(), 201, installed.status());
            assertEquals("unverified", installed.json().path("provenance").asText());
            assertEquals(200, http.send("DELETE", MODULES + "/" + installed.json().path("id").asLong(), null, null, admin).status());
        } finally {
            setAllowUnsigned(false);
        }
        http.await("/api/health", r -> r.json().path("status").asText().equals("UP"), SWAP_TIMEOUT);
        assertRefused(http.upload("POST", MODULES, Fixtures.greeting(1), admin), "not signed");
    }

    @Test
    public void theDeployFolderAndTheShellGoThroughTheSameChecks() throws Exception {
        String[] admin = asAdmin();
        Path deployed = home().resolve("deploy/echo.jar");
        Files.copy(Fixtures.signed(Fixtures.echo()), deployed);
        http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, SWAP_TIMEOUT);
        Files.copy(Fixtures.signedByStranger(Fixtures.greeting(1)), home().resolve("deploy/stranger.jar"));
        http.await(MODULES, r -> r.body().contains("stranger.jar"), SWAP_TIMEOUT, admin);
        JsonNode refusal = null;
        for (JsonNode r : http.get(MODULES, admin).json().path("refused")) {
            refusal = "stranger.jar".equals(r.path("file").asText()) ? r : refusal;
        }
        assertNotNull(refusal);
        assertEquals("deploy-folder", refusal.path("source").asText());
        assertTrue(refusal.path("reason").asText().contains("a key the trust store does not hold"));
        assertNull(bundle(Fixtures.GREETING));

        String listing = shell("porchlight:modules");
        assertTrue(listing, listing.contains(Fixtures.ECHO));
        long echo = bundle(Fixtures.ECHO).getBundleId();
        assertTrue(shell("porchlight:stopmodule " + echo).contains("RESOLVED"));
        assertEquals(404, http.get("/api/itest/echo/page?limit=1").status());
        assertTrue(shell("porchlight:startmodule " + echo).contains("ACTIVE"));
        String refused = shell("porchlight:installmodule " + Fixtures.greeting(1));
        assertTrue(refused, refused.contains("refused: The module was refused: the file is not signed"));

        Files.delete(deployed);
        http.await("/api/itest/echo/page?limit=1", r -> r.status() == 404, SWAP_TIMEOUT);
        assertNull(bundle(Fixtures.ECHO));
        Files.delete(home().resolve("deploy/stranger.jar"));
    }

    @Test
    public void aSecondFileInstallWatchIsRemoved() throws Exception {
        // E.g. a .cfg dropped into etc/ or a configuration made in the web console: FileInstall would
        // install bundles from that folder by itself, without the signature check.
        Path folder = Files.createTempDirectory("rogue-watch");
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.osgi.service.log.LogListener listener = entry -> warnings.add(entry.getMessage());
        org.osgi.service.log.LogReaderService logs = service(org.osgi.service.log.LogReaderService.class, null);
        logs.addLogListener(listener);
        ConfigurationAdmin admin = service(ConfigurationAdmin.class, null);
        Configuration rogue = admin.createFactoryConfiguration("org.apache.felix.fileinstall", "?");
        String filter = "(service.pid=" + rogue.getPid() + ")";
        rogue.update(new Hashtable<>(java.util.Map.of("felix.fileinstall.dir", folder.toString())));
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (admin.listConfigurations(filter) != null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNull("the second watch is gone", admin.listConfigurations(filter));
        // Log entries reach listeners asynchronously.
        while (warnings.stream().noneMatch(m -> m.contains("Removed a FileInstall watch")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        logs.removeLogListener(listener);
        assertTrue("and the log says why: " + warnings, warnings.stream().anyMatch(m -> m.contains("Removed a FileInstall watch of " + folder)));
        assertNotNull("deploy/ is still watched",
                admin.listConfigurations("(&(service.factoryPid=org.apache.felix.fileinstall)(felix.fileinstall.dir=*deploy))"));
    }

    /** Each test starts without the fixtures another one left behind. */
    @org.junit.After
    public void removeFixtures() throws Exception {
        for (String name : new String[] {"echo.jar", "stranger.jar", Fixtures.GREETING + ".jar"}) {
            Files.deleteIfExists(home().resolve("deploy").resolve(name));
        }
        for (String name : new String[] {Fixtures.GREETING, Fixtures.ECHO, Fixtures.FAILING}) {
            Bundle left = bundle(name);
            if (left != null) {
                left.uninstall();
            }
        }
    }

    // ---- helpers ----


    private static void assertRefused(Http.Response response, String reason) {
        assertEquals(response.body(), 422, response.status());
        assertEquals("urn:porchlight:problem:module-refused", response.json().path("type").asText());
        assertTrue(response.body(), response.json().path("detail").asText().contains(reason));
    }

    /** The name of the first class in a jar. */
    private static String firstClass(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .findFirst().orElseThrow();
        }
    }

    /** A copy of a signed jar with the entry {@code name} removed, or renamed to {@code renamed}. */
    private static Path rewritten(Path signed, String name, String renamed) throws IOException {
        Path copy = Files.createTempFile("rewritten", ".jar");
        try (ZipFile in = new ZipFile(signed.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (entry.getName().equals(name) && renamed == null) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName().equals(name) ? renamed : entry.getName()));
                in.getInputStream(entry).transferTo(out);
                out.closeEntry();
            }
        }
        return copy;
    }

    /** A copy of a signed jar with one class changed after signing. */
    private static Path tampered(Path signed) throws IOException {
        Path copy = Files.createTempFile("tampered", ".jar");
        try (ZipFile in = new ZipFile(signed.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = in.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(".class")) {
                    content[content.length - 1] ^= 1;
                }
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }

    private Path home() {
        return Path.of(context.getProperty("porchlight.home"));
    }

    private void setAllowUnsigned(boolean allow) throws Exception {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class, null);
        Configuration configuration = admin.getConfiguration("org.porchlight.modules", "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        properties.put("allowUnsigned", allow);
        configuration.update(properties);
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        String[] admin2 = asAdmin();
        while (System.nanoTime() < deadline
                && http.get(MODULES, admin2).json().path("signaturesRequired").asBoolean() == allow) {
            Thread.sleep(50);
        }
    }

    /** Runs a Gogo command as the console would (through the shell's CommandProcessor, by reflection: no Gogo on the test class path). */
    private String shell(String command) throws Exception {
        org.osgi.framework.ServiceReference<?> reference = context.getServiceReference("org.apache.felix.service.command.CommandProcessor");
        Object processor = context.getService(reference);
        ClassLoader gogo = reference.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> processorType = gogo.loadClass("org.apache.felix.service.command.CommandProcessor");
        Class<?> sessionType = gogo.loadClass("org.apache.felix.service.command.CommandSession");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true)) {
            Object session = processorType.getMethod("createSession", java.io.InputStream.class, java.io.OutputStream.class,
                    java.io.OutputStream.class).invoke(processor, new java.io.ByteArrayInputStream(new byte[0]), print, print);
            try {
                Object result = sessionType.getMethod("execute", CharSequence.class).invoke(session, command);
                if (result != null) {
                    print.print(result);
                }
            } finally {
                sessionType.getMethod("close").invoke(session);
            }
        } finally {
            context.ungetService(reference);
        }
        return out.toString();
    }
}
