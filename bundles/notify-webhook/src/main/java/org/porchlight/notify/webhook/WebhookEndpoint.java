package org.porchlight.notify.webhook;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationChannel.Delivery;
import org.porchlight.api.notify.UndeliverableException;
import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.outbound.OutboundRequest;
import org.porchlight.api.outbound.OutboundResponse;
import org.porchlight.api.outbound.RefusedAddressException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One agency's endpoint, from one factory configuration. Refuses to start on a configuration it
 * cannot use (the reason shows in {@code /api/health}), so that mistakes show before the first
 * notification. Logs and exceptions name the agency and the host, never the whole URL (it may hold
 * a token) nor the secret.
 *
 * <p>Posts go through the platform's {@link OutboundHttp}, which connects only to addresses the
 * platform allows (checked after name resolution, at the connection); an endpoint on a refused
 * address fails the delivery for good ({@link UndeliverableException}) rather than being retried.
 * The URL checks here are a first filter only.
 */
@Component(service = WebhookEndpoint.class, configurationPid = WebhookConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookConfiguration.class, factory = true)
public class WebhookEndpoint {

    static final int MIN_SECRET = 16;
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String agency;
    private final URI url;
    private final String secretFile;
    private final String secretVariable;
    private final TopicFilter topics;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final OutboundHttp http;

    @Activate
    public WebhookEndpoint(WebhookConfiguration config, @Reference OutboundHttp http) {
        if (config.agency() == null || !config.agency().matches("[A-Za-z0-9-]{2,16}")) {
            throw new IllegalArgumentException("agency must be an agency's short code (2 to 16 letters, digits, -)");
        }
        this.agency = config.agency().toUpperCase(Locale.ROOT);
        this.url = endpoint(config.url());
        this.secretFile = config.secretFile() == null ? "" : config.secretFile().strip();
        this.secretVariable = config.secretVariable() == null ? "" : config.secretVariable().strip();
        if (secretFile.isEmpty() == secretVariable.isEmpty()) {
            throw new IllegalArgumentException("the webhook of " + agency + " needs exactly one of secretFile and secretVariable");
        }
        secret(); // fails now, not at the first delivery
        this.topics = TopicFilter.of(config.topics());
        this.connectTimeout = Duration.ofSeconds(Math.max(1, config.connectTimeoutSeconds()));
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        this.http = http;
    }

    /** https anywhere; plain http only to this machine, where nothing travels over a network. */
    static URI endpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("url must be an https:// URL");
        }
        if (scheme.equals("http") && !LOCAL.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("url must use https (plain http only to this machine)");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("url must not hold a user name or password");
        }
        return uri;
    }

    String agency() {
        return agency;
    }

    /** Whether this endpoint wants {@code notification}: to its agency, of a topic it takes. */
    boolean takes(Notification notification) {
        return agency.equals(notification.recipient().agency()) && topics.matches(notification.topic());
    }

    /** The secret, read now: a replaced file or a changed variable rotates it. */
    private byte[] secret() {
        String value;
        if (!secretFile.isEmpty()) {
            try {
                value = Files.readString(Path.of(secretFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("the secret file of the webhook of " + agency + " cannot be read");
            }
        } else {
            value = System.getenv(secretVariable);
            if (value == null) {
                throw new IllegalStateException("the environment variable " + secretVariable + " (webhook of " + agency + ") is not set");
            }
            value = value.strip();
        }
        if (value.length() < MIN_SECRET) {
            throw new IllegalStateException("the secret of the webhook of " + agency + " is shorter than " + MIN_SECRET + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON a receiver gets; the signature covers exactly these bytes. */
    static byte[] body(Delivery delivery, Instant now) {
        Notification n = delivery.notification();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", delivery.id().toString());
        json.put("key", n.key());
        json.put("topic", n.topic());
        json.put("title", n.title());
        json.put("text", n.text());
        json.put("data", n.data());
        json.put("timestamp", now.toString());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification cannot be written as JSON", e);
        }
    }

    /**
     * POSTs the delivery, signed. Returns normally on a 2xx answer. A redirect is not followed: it
     * is an answer other than 2xx.
     *
     * @throws WebhookFailure on any other answer, or if the endpoint cannot be reached in time
     * @throws UndeliverableException if the endpoint's address is one the server does not connect to
     */
    void post(Delivery delivery, Instant now) throws InterruptedException, UndeliverableException {
        byte[] body = body(delivery, now);
        String timestamp = Long.toString(now.getEpochSecond());
        OutboundRequest request = OutboundRequest.post(url, body)
                .withTimeouts(connectTimeout, timeout, timeout)
                .withMaxRedirects(0)
                .withHeader("Content-Type", "application/json")
                .withHeader("User-Agent", "Porchlight-Webhook/1")
                .withHeader(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .withHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret(), timestamp, body))
                .withHeader("Idempotency-Key", delivery.id().toString());
        int status;
        try (OutboundResponse response = http.send(request)) {
            status = response.status();
        } catch (RefusedAddressException refused) {
            throw new UndeliverableException("the webhook of " + agency + " at " + url.getHost() + ": " + refused.getMessage(),
                    refused);
        } catch (IOException e) {
            throw new WebhookFailure("the webhook of " + agency + " at " + url.getHost() + " could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (status / 100 != 2) {
            throw new WebhookFailure("the webhook of " + agency + " at " + url.getHost() + " answered " + status);
        }
    }

    /** A delivery the endpoint did not take; the outbox tries again later. */
    static final class WebhookFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WebhookFailure(String message) {
            super(message);
        }
    }
}
