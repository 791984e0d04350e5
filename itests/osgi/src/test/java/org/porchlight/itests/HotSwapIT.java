package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hot swap under load: while clients keep requests going on two modules (aiming at 320 a second;
 * what a machine reaches is reported, not asserted), one of them is updated 20 times in a row
 * through the admin API. No request may fail (no 5xx, no 404,
 * no reset), requests already running when a swap begins complete on the old version, and every
 * swap is reported: how long the module's requests were held, and how long until the new version
 * answered. Figures go to {@code target/hot-swap.txt} (docs/benchmarks.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends PorchlightTestSupport {

    private static final int SWAPS = 20;
    /** Enough clients that those held during a swap do not bring the rate down much. */
    private static final int CLIENTS = 32;
    /** Requests a second all clients together aim at: above the 200 the issue asks for. */
    private static final int TARGET_RATE = 320;
    /** Every this many swaps, a slow request is running when the swap begins. */
    private static final int IN_FLIGHT_EVERY = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    public void twentySwapsUnderLoadFailNoRequest() throws Exception {
        String[] admin = asAdmin();
        Http.Response installed = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.greeting(1)), admin);
        assertEquals(installed.body(), 201, installed.status());
        long greeting = installed.json().path("id").asLong();
        Files.copy(Fixtures.signed(Fixtures.echo()), Path.of(context.getProperty("porchlight.home"), "deploy", "echo.jar"));
        http.await("/api/itest/greeting", r -> r.status() == 200, SWAP_TIMEOUT);
        http.await("/api/itest/echo/page?limit=2", r -> r.status() == 200, SWAP_TIMEOUT);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger currentVersion = new AtomicInteger(1);
        AtomicLong firstNewVersionAt = new AtomicLong();
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int[] servedByVersion = new int[3];
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long loadStart = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNumber = c;
            clients.submit(() -> {
                long interval = TimeUnit.SECONDS.toNanos(1) * CLIENTS / TARGET_RATE;
                long next = System.nanoTime();
                int i = 0;
                while (running.get()) {
                    boolean toGreeting = (i++ + clientNumber) % 2 == 0;
                    String path = toGreeting ? "/api/itest/greeting" : "/api/itest/echo/page?limit=2";
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + path + " " + r.body());
                        } else {
                            ok.incrementAndGet();
                            if (toGreeting) {
                                int version = json.readTree(r.body()).path("version").asInt();
                                synchronized (servedByVersion) {
                                    servedByVersion[version]++;
                                }
                                if (version == currentVersion.get()) {
                                    firstNewVersionAt.compareAndSet(0, System.nanoTime());
                                }
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(e + " " + path);
                    } catch (InterruptedException e) {
                        return;
                    }
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    }
                }
            });
        }

        List<Long> visible = new ArrayList<>();
        List<Long> visibleWithSlowRequest = new ArrayList<>();
        int inFlightCompleted = 0;
        int answeredEarly = 0;
        Thread.sleep(1000); // load running before the first swap
        for (int swap = 1; swap <= SWAPS; swap++) {
            int to = swap % 2 == 1 ? 2 : 1;
            int from = 3 - to;
            // A request that is still running when the swap begins finishes on the old version.
            CompletableFuture<HttpResponse<String>> slow = null;
            if (swap % IN_FLIGHT_EVERY == 0) {
                slow = client.sendAsync(HttpRequest.newBuilder(URI.create(http.base() + "/api/itest/greeting/slow?millis=400")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                Thread.sleep(50);
            }
            firstNewVersionAt.set(0);
            currentVersion.set(to);
            long started = System.nanoTime();
            Http.Response updated = http.upload("PUT", "/api/admin/modules/" + greeting, Fixtures.signed(Fixtures.greeting(to)), admin);
            // 202: the swap waited for requests queued behind a reload of the REST runtime; it completes anyway.
            assertTrue(updated.body(), updated.status() == 200 || updated.status() == 202);
            answeredEarly += updated.status() == 202 ? 1 : 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (firstNewVersionAt.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue("swap " + swap + ": version " + to + " never answered", firstNewVersionAt.get() != 0);
            (slow == null ? visible : visibleWithSlowRequest).add(TimeUnit.NANOSECONDS.toMillis(firstNewVersionAt.get() - started));
            if (slow != null) {
                HttpResponse<String> slowAnswer = slow.get(30, TimeUnit.SECONDS);
                assertEquals(slowAnswer.body(), 200, slowAnswer.statusCode());
                assertEquals("the request in flight finished on the version it started on", from,
                        json.readTree(slowAnswer.body()).path("version").asInt());
                inFlightCompleted++;
            }
            Thread.sleep(250);
        }
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - loadStart) / 1e9;

        List<Long> held = new ArrayList<>();
        for (JsonNode record : http.get("/api/admin/modules", admin).json().path("recentSwaps")) {
            if (record.path("bundleId").asLong() == greeting) {
                held.add(record.path("heldMillis").asLong());
            }
        }
        String report = String.format("hot swap: %d swaps of %s under %d clients, %.0f requests/s over %.1f s%n"
                + "requests: %d ok, %d failed; greeting answered by v1 %d, v2 %d times; %d requests in flight at a swap all completed%n"
                + "new version answering after the update was sent (ms): p50 %d, max %d, all %s%n"
                + "the same, with a 400 ms request in flight that the swap waits for: %s%n"
                + "requests held at the door per swap (ms): p50 %d, max %d%n"
                + "updates answered 202 before the swap finished: %d%n",
                SWAPS, Fixtures.GREETING, CLIENTS, (ok.get() + failures.size()) / seconds, seconds, ok.get(), failures.size(),
                servedByVersion[1], servedByVersion[2], inFlightCompleted, percentile(visible, 50), Collections.max(visible), visible, visibleWithSlowRequest,
                percentile(held, 50), held.isEmpty() ? -1 : Collections.max(held), answeredEarly);
        System.out.print(report);
        Files.writeString(Path.of("target", "hot-swap.txt"), report);

        assertTrue("failed requests: " + failures.stream().limit(5).toList(), failures.isEmpty());
        // The rate reached is a figure for docs/benchmarks.md, not a condition: a busy CI machine serves fewer.
        assertTrue("requests were served during the swaps: " + report, ok.get() >= SWAPS * CLIENTS);
        assertTrue("both versions served requests", servedByVersion[1] > 0 && servedByVersion[2] > 0);
        assertTrue("every swap of the module was recorded: " + held, held.size() >= SWAPS);
    }

    /**
     * The REST runtime reloads under a write lock that waits for every request in flight. If a
     * reload is queued while an update request is running, requests to the module queue behind it,
     * and the swap cannot drain them until the update request has answered: it answers 202 then,
     * and the swap completes without failing any of them.
     */
    @Test
    public void anUpdateThatWouldWaitForItselfAnswers202AndStillFailsNoRequest() throws Exception {
        String[] admin = asAdmin();
        Http.Response installed = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.greeting(1)), admin);
        long greeting = installed.json().path("id").asLong();
        http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == 1, SWAP_TIMEOUT);

        // The update's body arrives in two parts: while the request waits for the second, it is in flight.
        byte[] jar = Files.readAllBytes(Fixtures.signed(Fixtures.greeting(2)));
        java.util.concurrent.CountDownLatch rest = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> body = subscriber -> subscriber.onSubscribe(
                new java.util.concurrent.Flow.Subscription() {
                    private int sent;

                    @Override
                    public void request(long n) {
                        if (sent == 0) {
                            sent = 1;
                            subscriber.onNext(java.nio.ByteBuffer.wrap(jar, 0, jar.length / 2));
                        } else if (sent == 1) {
                            sent = 2;
                            new Thread(() -> {
                                try {
                                    rest.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                subscriber.onNext(java.nio.ByteBuffer.wrap(jar, jar.length / 2, jar.length - jar.length / 2));
                                subscriber.onComplete();
                            }).start();
                        }
                    }

                    @Override
                    public void cancel() {
                    }
                });
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(http.base() + "/api/admin/modules/" + greeting))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/java-archive")
                .header(admin[0], admin[1]).PUT(HttpRequest.BodyPublishers.fromPublisher(body, jar.length));
        CompletableFuture<HttpResponse<String>> update = client.sendAsync(put.build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);

        // Another module's resource arrives: the runtime queues a reload behind the update request.
        org.osgi.framework.ServiceRegistration<?> other = context.registerService(Object.class, new OtherResource(),
                new java.util.Hashtable<>(java.util.Map.of("osgi.jakartars.resource", "true")));
        Thread.sleep(300);
        List<CompletableFuture<HttpResponse<String>>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(client.sendAsync(HttpRequest.newBuilder(URI.create(http.base() + "/api/itest/greeting")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        rest.countDown();

        HttpResponse<String> answer = update.get(30, TimeUnit.SECONDS);
        try {
            assertEquals(answer.body(), 202, answer.statusCode());
            assertEquals("IN_PROGRESS", json.readTree(answer.body()).path("status").asText());
            for (CompletableFuture<HttpResponse<String>> request : queued) {
                HttpResponse<String> r = request.get(30, TimeUnit.SECONDS);
                assertEquals(r.body(), 200, r.statusCode());
                assertEquals("queued before the swap, served by the old version", 1, json.readTree(r.body()).path("version").asInt());
            }
            http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == 2, SWAP_TIMEOUT);
            assertEquals("2.0.0", http.get("/api/admin/modules/" + greeting, admin).json().path("version").asText());
        } finally {
            other.unregister();
            http.send("DELETE", "/api/admin/modules/" + greeting, null, null, admin);
        }
    }

    /** Through the module manager and deploy/, as an admin would, so that nothing of it is still on its way. */
    @org.junit.After
    public void removeModules() throws Exception {
        org.osgi.framework.Bundle greeting = bundle(Fixtures.GREETING);
        if (greeting != null) {
            http.send("DELETE", "/api/admin/modules/" + greeting.getBundleId(), null, null, asAdmin());
        }
        Files.deleteIfExists(Path.of(context.getProperty("porchlight.home"), "deploy", "echo.jar"));
        http.await("/api/itest/greeting", r -> r.status() == 404, SWAP_TIMEOUT);
        http.await("/api/itest/echo/page?limit=2", r -> r.status() == 404, SWAP_TIMEOUT);
    }

    /** A resource of "another module", registered from the test. */
    @jakarta.ws.rs.Path("itest/other")
    public static class OtherResource {
        @jakarta.ws.rs.GET
        public String get() {
            return "other";
        }
    }


    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
