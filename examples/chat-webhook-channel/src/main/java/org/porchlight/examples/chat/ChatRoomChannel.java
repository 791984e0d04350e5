package org.porchlight.examples.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationChannel;

/**
 * One agency's chat room as a notification channel of its own, one per factory configuration: the outbox offers it
 * every notification, it takes those to its agency on its topics and posts each to the room's incoming webhook. Being
 * a channel of its own, each room has its own deliveries: a room that is down is retried alone, and the others never
 * see a repeat (chat servers do not recognise one). Every try of one delivery carries the same {@code Idempotency-Key},
 * the delivery's id, for a receiver or a proxy that can use it. Errors name the agency and the host, never the URL,
 * which holds the room's token.
 */
@Component(service = NotificationChannel.class, configurationPid = ChatRoomConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ChatRoomConfiguration.class, factory = true)
public class ChatRoomChannel implements NotificationChannel {

    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String agency;
    private final URI url;
    private final List<String> topics;
    private final Duration timeout;
    private final HttpClient client;

    /** A configuration that cannot work fails here, with the reason in the log, and the outbox never gets the channel. */
    @Activate
    public ChatRoomChannel(ChatRoomConfiguration config) {
        this(config.agency(), config._url(), config.topics(), config.timeoutSeconds());
        String name = config.porchlight_channel();
        require(name != null && name.matches("[a-z0-9-]{1,32}"), NotificationChannel.NAME + " must be 1 to 32 of a-z 0-9 -");
    }

    ChatRoomChannel(String agency, String url, String[] topics, int timeoutSeconds) {
        require(agency != null && agency.matches("[A-Za-z0-9-]{2,16}"), "agency must be an agency's code");
        require(timeoutSeconds >= 1, "timeoutSeconds must be at least 1");
        this.agency = agency.toUpperCase(Locale.ROOT);
        this.url = webhook(url);
        this.topics = topics == null ? List.of()
                : Arrays.stream(topics).map(String::strip).filter(t -> !t.isEmpty()).toList();
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        // A webhook that redirects is misconfigured: following it would send the notification somewhere unchecked.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean accepts(Notification notification) {
        return agency.equals(notification.recipient().agency()) && onTopic(notification.topic());
    }

    @Override
    public void deliver(Delivery delivery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", delivery.id().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(ChatMessage.json(delivery.notification()))).build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IOException("the chat room of " + agency + " at " + url.getHost() + " could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (response.statusCode() / 100 != 2) {
            // Retried by the outbox with back-off, as a chat server that limits its rate (429) asks.
            throw new IOException("the chat room of " + agency + " at " + url.getHost() + " answered HTTP "
                    + response.statusCode());
        }
    }

    private boolean onTopic(String topic) {
        if (topics.isEmpty()) {
            return true;
        }
        return topics.stream()
                .anyMatch(t -> t.endsWith("*") ? topic.startsWith(t.substring(0, t.length() - 1)) : topic.equals(t));
    }

    /** https anywhere; plain http only to this machine, where the token does not cross a network. */
    static URI webhook(String value) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(".url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        require(uri.getHost() != null && (scheme.equals("https") || scheme.equals("http")), ".url must be an https URL");
        require(scheme.equals("https") || THIS_MACHINE.contains(uri.getHost().toLowerCase(Locale.ROOT)),
                ".url must use https (plain http only to this machine)");
        require(uri.getUserInfo() == null, ".url must not hold a user name or password");
        return uri;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
