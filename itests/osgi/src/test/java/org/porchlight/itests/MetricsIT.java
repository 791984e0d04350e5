package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

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

/**
 * The Prometheus endpoint at {@code /metrics} over real HTTP: who may read it, and that the
 * figures move with the work (requests by route and status, audit appends, module swaps) and are
 * there for the outbox, the database pool and the JVM; no id from a request's path in a label.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT extends PorchlightTestSupport {

    private static final String METRICS = "/metrics";
    /** {@code name{labels} value}, as the text format writes each sample (label values quoted, braces in them); comments start with #. */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})?) (\\S+)$", Pattern.MULTILINE);

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void nobodyButPlatformAdminsAndTheScrapeTokenReadsTheMetrics() throws Exception {
        Http.Response anonymous = http.get(METRICS);
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.header("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(anonymous.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(anonymous.json().path("type").asText().endsWith("unauthenticated"));
        assertFalse(anonymous.body().contains("jvm_"));

        Http.Response resident = http.get(METRICS, residentSession("metrics-resident@itest.example"));
        assertEquals(403, resident.status());
        assertTrue(resident.json().path("type").asText().endsWith("forbidden"));
        assertEquals(401, http.get(METRICS, bearer("not-a-token-anyone-issued")).status());

        Http.Response admin = http.get(METRICS, asAdmin());
        assertEquals(200, admin.status());
        assertTrue(admin.header("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertEquals("no-store", admin.header("Cache-Control").orElse(""));

        // A Prometheus server scrapes with the configured token, from a file only the server reads.
        String token = "itest-scrape-" + UUID.randomUUID().toString().replace("-", "");
        Path file = Files.createTempFile("metrics-token", ".txt");
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        update("org.porchlight.metrics", "scrapeTokenFile", file.toString());
        Http.Response scraped = http.await(METRICS, r -> r.status() == 200, SWAP_TIMEOUT, bearer(token));
        assertTrue(scraped.body().contains("jvm_memory_used_bytes"));
        assertEquals(401, http.get(METRICS, bearer(token + "x")).status());
    }

    @Test
    public void requestsAreCountedByRouteTemplateAndStatusWithTheirTimes() throws Exception {
        String[] admin = asAdmin();
        String ok = "porchlight_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}";
        double before = samples(admin).getOrDefault(ok, 0.0);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.get("/api/health").status());
        }
        String id = UUID.randomUUID().toString();
        assertEquals(404, http.get("/api/admin/modules/" + id, admin).status());
        assertEquals(404, http.get("/api/no-such-route/" + id).status());

        String text = scrape(admin);
        Map<String, Double> after = parse(text);
        assertEquals(before + 3, after.get(ok), 0.0);
        assertTrue("a histogram bucket of the same series", text.contains(
                "porchlight_http_requests_seconds_bucket{method=\"GET\",route=\"/health\",status=\"200\",le=\"+Inf\"}"));
        assertTrue(text.lines().filter(l -> l.contains("404")).toList().toString(),
                after.containsKey("porchlight_http_requests_seconds_count{method=\"GET\",route=\"/admin/modules/{id}\",status=\"404\"}"));
        assertTrue(text.lines().filter(l -> l.contains("404")).toList().toString(),
                after.containsKey("porchlight_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"));
        assertFalse("no id from a path in any label", text.contains(id));
        assertFalse(text.contains("no-such-route"));
    }

    @Test
    public void auditAppendsSwapsOutboxPoolAndJvmFiguresAreThere() throws Exception {
        String[] admin = asAdmin();
        String appends = "porchlight_audit_appends_total";
        String swaps = "porchlight_modules_changes_total{action=\"module.update\",outcome=\"swapped\"}";
        Map<String, Double> before = samples(admin);

        // A change through the REST core: two audit entries (before and after), and a module swapped.
        Http.Response installed = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.greeting(1)), admin);
        assertEquals(201, installed.status());
        String module = installed.json().path("id").asText();
        assertEquals(200, http.upload("PUT", "/api/admin/modules/" + module, Fixtures.signed(Fixtures.greeting(2)), admin).status());

        Map<String, Double> after = samples(admin);
        assertTrue(after.get(appends) >= before.getOrDefault(appends, 0.0) + 4);
        assertEquals(before.getOrDefault(swaps, 0.0) + 1, after.get(swaps), 0.0);
        assertTrue(after.containsKey("porchlight_outbox_pending_notifications"));
        assertTrue(after.get("porchlight_db_pool_connections{state=\"active\"}") >= 0);
        assertTrue(after.get("porchlight_db_pool_max") > 0);
        assertTrue(after.get("jvm_threads_live_threads") > 0);
        assertTrue(after.get("process_uptime_seconds") > 0);
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{")));
        assertTrue("the JDK's management beans are wired", after.containsKey("process_cpu_usage"));
        assertEquals(200, http.send("DELETE", "/api/admin/modules/" + module, null, null, admin).status());
    }

    @Test
    public void theServerServesOnWhileTheMetricsBundleIsAwayAndCountsAgainWhenItIsBack() throws Exception {
        String[] admin = asAdmin();
        Bundle metrics = bundle("org.porchlight.metrics");
        metrics.stop();
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, http.get("/api/health").status());
            }
            assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency("MTRX"), admin).status());
            assertTrue(http.get(METRICS, admin).status() != 200);
        } finally {
            metrics.start();
        }
        http.await(METRICS, r -> r.status() == 200, SWAP_TIMEOUT, admin);
        assertEquals(200, http.get("/api/health").status());
        Map<String, Double> fresh = samples(admin);
        // A new registry: counts start again (Prometheus' rate() takes it as a reset) and move at once.
        assertTrue(fresh.get("porchlight_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}") >= 1);
        assertFalse("nothing was counted while it was away", fresh.containsKey(
                "porchlight_http_requests_seconds_count{method=\"POST\",route=\"/agencies\",status=\"201\"}"));
    }

    private String scrape(String[] headers) {
        Http.Response r = http.get(METRICS, headers);
        assertEquals(200, r.status());
        return r.body();
    }

    private Map<String, Double> samples(String[] headers) {
        return parse(scrape(headers));
    }

    /** Every sample of the text format by its name and labels. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2).replace("+Inf", "Infinity")));
        }
        return samples;
    }

    private void update(String pid, String key, Object value) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> settings = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        settings.put(key, value);
        configuration.update(settings);
    }
}
