package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.store.Database;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.OutboundRanges;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** What the notification tests share: quick retries, enqueueing from the test, waiting for a condition. */
public abstract class NotificationTestSupport extends PorchlightTestSupport {

    @Inject
    protected ConfigurationAdmin configAdmin;

    /** Retries after 1 s, then 2 s, and (unless {@code maxAttempts} is null) that many tries; waits until the worker has it. */
    protected void quickRetries(Integer maxAttempts) throws Exception {
        Configuration config = configAdmin.getConfiguration("org.porchlight.notifications", "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        properties.put("backoffBaseSeconds", 1);
        properties.put("backoffMaxSeconds", 2);
        properties.put("startDelaySeconds", 0);
        if (maxAttempts != null) {
            properties.put("maxAttempts", maxAttempts);
        }
        config.update(properties);
        String filter = "(&(objectClass=org.porchlight.notifications.DeliveryWorker)(backoffBaseSeconds=1)"
                + (maxAttempts == null ? "" : "(maxAttempts=" + maxAttempts + ")") + ")";
        awaitTrue("the worker took the configuration", () -> !references(filter).isEmpty());
    }

    /** Sets the platform's outbound connection ranges as a platform admin would ({@link OutboundRanges}). */
    protected void allowOutbound(String... ranges) throws Exception {
        OutboundRanges.allow(configAdmin, context, ranges);
    }

    /** Enqueues in one transaction of its own, as a bundle would in its. */
    protected void enqueue(Notification... notifications) throws Exception {
        Outbox outbox = service(Outbox.class, null);
        service(Database.class, null).inTransaction(c -> outbox.enqueue(c, List.of(notifications)));
    }

    /** Somewhere inside the test agencies' jurisdiction (IdentityIT.agency). */
    protected static final double LAT = 39.0997;
    protected static final double LON = -94.5786;

    /** Creates the agency (once) as the platform admin. */
    protected void agency(String code, String[] admin) {
        http.postJson("/api/agencies", IdentityIT.agency(code), admin);
    }

    /** The account id of whoever {@code session} signs in. */
    protected UUID accountOf(String[] session) {
        return UUID.fromString(http.get("/api/me", session).json().path("id").asText());
    }

    /** A camera of {@code resident} at the test location, whose owner agrees to be asked. */
    protected void registerCamera(String[] resident) {
        Http.Response r = http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":" + LAT + ",\"longitude\":" + LON
                + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,"
                + "\"contactOk\":true,\"paused\":false}", resident);
        assertEquals(r.body(), 201, r.status());
    }

    /** A small footage request around the test location, made and activated by {@code officer}; its id. */
    protected String activeRequest(String agency, String caseNumber, String[] officer) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Http.Response created = http.postJson("/api/agencies/" + agency + "/requests", "{\"caseNumber\":\"" + caseNumber
                + "\",\"incidentType\":\"BURGLARY\",\"windowStart\":\"" + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\""
                + end + "\",\"area\":{\"type\":\"circle\",\"center\":{\"latitude\":" + LAT + ",\"longitude\":" + LON
                + "},\"radiusMeters\":150},\"message\":\"A car was broken into overnight; footage of the street would help.\"}",
                officer);
        assertEquals(created.body(), 201, created.status());
        String id = created.json().path("id").asText();
        Http.Response submitted = http.send("POST", "/api/agencies/" + agency + "/requests/" + id + "/submit", null, null, officer);
        assertEquals(submitted.body(), "ACTIVE", submitted.json().path("state").asText());
        return id;
    }

    /** The resident's delivery (what they answer) of the footage request of case {@code caseNumber}. */
    protected String askedOf(String[] resident, String caseNumber) {
        for (JsonNode asked : http.get("/api/me/requests", resident).json()) {
            if (asked.path("caseNumber").asText().equals(caseNumber)) {
                return asked.path("id").asText();
            }
        }
        throw new AssertionError("the resident was not asked about " + caseNumber);
    }

    protected List<?> references(String filter) {
        try {
            Object[] found = context.getServiceReferences((String) null, filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    protected static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
