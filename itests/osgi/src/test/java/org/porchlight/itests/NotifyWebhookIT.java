package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.NotificationChannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook channel against a real HTTP server in the test that checks the signature the way
 * an agency's system would (its own HMAC code, not Porchlight's): a notification to an agency with
 * a webhook is POSTed, signed, and retried with the same idempotency key until the receiver takes
 * it; other agencies' notifications and other topics are not sent. The receiver listens on
 * 127.0.0.1, which the test allows for outbound connections as a platform admin would; without
 * that, nothing reaches it and the delivery fails for good at the first try.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotifyWebhookIT extends NotificationTestSupport {

    private static final String SECRET = "itest webhook secret, long enough";
    private static final String WEBHOOK_CHANNEL = "(" + NotificationChannel.NAME + "=webhook)";


    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Received(String timestamp, String signature, String idempotencyKey, byte[] body, boolean genuine) {
    }

    @Test
    public void anAgencysNotificationIsPostedSignedAndRetriedUntilItsSystemTakesIt() throws Exception {
        quickRetries(null);
        allowOutbound("127.0.0.1/32");
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger refuseFirst = new AtomicInteger(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/porchlight", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Porchlight-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Porchlight-Signature");
            boolean genuine = verify(timestamp, body, signature);
            received.add(new Received(timestamp, signature, exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, genuine));
            int status = !genuine ? 401 : refuseFirst.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        Path secret = Files.createTempFile("webhook", ".secret");
        Files.writeString(secret, SECRET + "\n");
        Configuration webhook = configAdmin.getFactoryConfiguration("org.porchlight.notify.webhook", "kcpd-" + run, "?");
        try {
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("agency", "KCPD");
            settings.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/porchlight");
            settings.put("secretFile", secret.toString());
            settings.put("topics", new String[] {"itest.webhook.*"});
            webhook.update(settings);
            awaitTrue("the webhook channel arrives with the configuration", () -> !references(WEBHOOK_CHANNEL).isEmpty());

            String key = "itest.webhook:" + run;
            enqueue(new Notification(key, Recipient.agency("KCPD"), "itest.webhook.shared", "Footage shared",
                    "A resident shared footage for case 26-1234.", Map.of("request", "r-" + run)),
                    new Notification(key, Recipient.agency("JCSO"), "itest.webhook.shared", "Not for KCPD", "", Map.of()),
                    new Notification(key + ":other-topic", Recipient.agency("KCPD"), "itest.other", "Another topic", "", Map.of()));

            awaitTrue("taken on the second try", () -> received.size() >= 2 && rows("SELECT COUNT(*) FROM notify.delivery d JOIN "
                    + "notify.notification n ON n.id = d.notification_id WHERE n.notify_key = '" + key + "' AND d.channel = 'webhook' "
                    + "AND d.state = 'DELIVERED' AND d.attempts = 2") == 1);
            assertEquals(2, received.size());
            for (Received r : received) {
                assertTrue("the receiver's own HMAC check passes", r.genuine());
                long age = Instant.now().getEpochSecond() - Long.parseLong(r.timestamp());
                assertTrue("a fresh timestamp: " + age, age >= 0 && age < 60);
            }
            assertEquals("the same idempotency key on every try", received.get(0).idempotencyKey(), received.get(1).idempotencyKey());
            JsonNode json = new ObjectMapper().readTree(received.get(1).body());
            assertEquals(received.get(1).idempotencyKey(), json.path("id").asText());
            assertEquals(key, json.path("key").asText());
            assertEquals("itest.webhook.shared", json.path("topic").asText());
            assertEquals("Footage shared", json.path("title").asText());
            assertEquals("r-" + run, json.path("data").path("request").asText());
            assertEquals(received.get(1).timestamp(), Long.toString(Instant.parse(json.path("timestamp").asText()).getEpochSecond()));

            assertEquals("an agency without a webhook and a topic not asked for are not sent", 0, rows("SELECT COUNT(*) FROM "
                    + "notify.delivery d JOIN notify.notification n ON n.id = d.notification_id WHERE n.notify_key LIKE '" + key
                    + "%' AND (n.recipient = 'agency:JCSO' OR n.topic = 'itest.other')"));
            assertEquals("agencies have no inbox", 0, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key LIKE '" + key + "%'"));
            Thread.sleep(3_000);
            assertEquals("nothing more after it was taken", 2, received.size());
        } finally {
            webhook.delete();
            server.stop(0);
            Files.deleteIfExists(secret);
            allowOutbound();
        }
        awaitTrue("the channel leaves with the last webhook", () -> references(WEBHOOK_CHANNEL).isEmpty());
    }

    @Test
    public void aWebhookOnAnAddressThePlatformDoesNotAllowIsNeverReachedAndTheDeliveryFailsForGood() throws Exception {
        quickRetries(5);
        allowOutbound();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Path secret = Files.createTempFile("webhook", ".secret");
        Files.writeString(secret, SECRET + "\n");
        Configuration webhook = configAdmin.getFactoryConfiguration("org.porchlight.notify.webhook", "kcpd-refused-" + run, "?");
        try {
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("agency", "KCPD");
            settings.put("url", "http://localhost:" + server.getAddress().getPort() + "/porchlight");
            settings.put("secretFile", secret.toString());
            settings.put("topics", new String[] {"itest.refused.*"});
            webhook.update(settings);
            awaitTrue("the webhook channel arrives with the configuration", () -> !references(WEBHOOK_CHANNEL).isEmpty());

            String key = "itest.refused:" + run;
            enqueue(new Notification(key, Recipient.agency("KCPD"), "itest.refused.shared", "Footage shared", "", Map.of()));

            String failed = "SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON n.id = d.notification_id "
                    + "WHERE n.notify_key = '" + key + "' AND d.channel = 'webhook' AND d.state = 'FAILED' AND d.attempts = 1 "
                    + "AND d.last_error LIKE '%is loopback, which the server does not connect to'";
            awaitTrue("failed for good at the first try, naming the address class", () -> rows(failed) == 1);
            Thread.sleep(3_000);
            assertEquals("not tried again", 1, rows(failed));
            assertEquals("nothing reached the address", 0, requests.get());
        } finally {
            webhook.delete();
            server.stop(0);
            Files.deleteIfExists(secret);
        }
    }

    /** What an agency's receiver does: HMAC-SHA256 over timestamp "." body, compared in constant time. */
    private static boolean verify(String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }




}
