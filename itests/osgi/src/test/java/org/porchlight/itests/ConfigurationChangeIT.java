package org.porchlight.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * Configuration changes under load: while clients keep calling a registry route, the registry's
 * configuration ({@code org.porchlight.registry}) is changed again and again, through
 * ConfigurationAdmin and through its {@code etc/} file. The registry's components are re-created
 * with each change (they have no {@code @Modified}), and no request may fail meanwhile.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationChangeIT extends PorchlightTestSupport {

    private static final String PID = "org.porchlight.registry";
    private static final String MAP = "/api/registry/density?bbox=-94.401,39.2,-94.399,39.201&cell=250";
    private static final int CLIENTS = 8;
    private static final int API_CHANGES = 12;
    private static final int FILE_CHANGES = 3;

    @Inject
    private ConfigurationAdmin configAdmin;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    public void changingTheRegistrysConfigurationUnderLoadFailsNoRequest() throws Exception {
        http.await(MAP, r -> r.status() == 200, SWAP_TIMEOUT);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http.base() + MAP))
                                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            ok.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        try {
            Thread.sleep(500); // load running before the first change
            for (int change = 1; change <= API_CHANGES; change++) {
                double epsilon = change % 2 == 1 ? 2.0 : 1.0;
                Configuration configuration = configAdmin.getConfiguration(PID, "?");
                Dictionary<String, Object> settings = configuration.getProperties() == null ? new Hashtable<>()
                        : configuration.getProperties();
                settings.put("densityEpsilon", epsilon);
                configuration.update(settings);
                awaitEpsilon(epsilon);
                Thread.sleep(100);
            }
            Path file = Path.of(context.getProperty("porchlight.home"), "etc", PID + ".cfg");
            String original = Files.readString(file);
            for (int change = 1; change <= FILE_CHANGES; change++) {
                double epsilon = 2.0 + change;
                Files.writeString(file, original.replaceFirst("(?m)^densityEpsilon = .*$", "densityEpsilon = " + epsilon));
                awaitEpsilon(epsilon);
                Thread.sleep(100);
            }
            Files.writeString(file, original);
            awaitEpsilon(1.0);
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }
        System.out.printf("configuration changes: %d, %d requests ok, %d failed%n", API_CHANGES + FILE_CHANGES + 1, ok.get(),
                failures.size());
        assertTrue("failed requests: " + failures.stream().limit(5).toList(), failures.isEmpty());
        assertTrue("requests were served during the changes", ok.get() >= API_CHANGES * CLIENTS);
    }

    /** Waits until the density map answers with the epsilon of the new configuration. */
    private void awaitEpsilon(double epsilon) {
        http.await(MAP, r -> r.status() == 200 && r.json().path("epsilon").asDouble() == epsilon, SWAP_TIMEOUT);
    }

    @After
    public void defaults() throws Exception {
        Configuration configuration = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> settings = configuration.getProperties();
        if (settings != null && !"1.0".equals(String.valueOf(settings.get("densityEpsilon")))) {
            settings.put("densityEpsilon", 1.0);
            configuration.update(settings);
        }
    }
}
