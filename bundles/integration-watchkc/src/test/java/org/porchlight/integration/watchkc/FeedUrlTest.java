package org.porchlight.integration.watchkc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.registry.SyncCancelledException;
import org.porchlight.api.registry.SyncRequest;
import org.porchlight.outbound.JettyOutboundHttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * URL mode against a real HTTP server on the loopback interface, through the platform's outbound
 * client with 127.0.0.1 allowed as a platform admin would allow it.
 */
class FeedUrlTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private JettyOutboundHttp http = TestOutbound.allowing("127.0.0.1/32");
    private volatile String redirectTo;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile byte[] body = new byte[0];
    private volatile String etag;
    private volatile boolean stall;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/feed.csv", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop();
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
        ifNoneMatch.add(sent == null ? "" : sent);
        try (exchange) {
            if (redirectTo != null) {
                exchange.getResponseHeaders().set("Location", redirectTo);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (etag != null) {
                exchange.getResponseHeaders().set("ETag", etag);
                if (etag.equals(sent)) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            OutputStream out = exchange.getResponseBody();
            if (stall) {
                out.write(body, 0, 10);
                out.flush();
                release.await();
            }
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up; nothing to answer.
        }
    }

    private FeedUrl feedUrl(long maxBytes, Duration readTimeout) {
        URI uri = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/feed.csv");
        FeedDownload download = new FeedDownload(http, uri, Duration.ofSeconds(5), readTimeout, maxBytes);
        return new FeedUrl("kcpd", download, dir.resolve("downloads"), maxBytes);
    }

    private FeedUrl feedUrl() {
        return feedUrl(10_000_000, Duration.ofSeconds(10));
    }

    private List<Path> downloads() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("downloads"))) {
            return files.toList();
        }
    }

    @Test
    void aFeedIsImportedThenNotFetchedAgainWhileItsETagHolds() throws Exception {
        body = TestFeeds.sample();
        etag = "\"v1|a\"";
        FeedUrl feed = feedUrl();
        RecordingSink first = new RecordingSink();

        String cursor = feed.sync(new SyncRequest(null, null, false), first);

        assertThat(first.accepted).hasSize(200);
        assertThat(first.rejected).hasSize(10);
        Path sample = Files.write(dir.resolve("sample.csv"), body);
        assertThat(cursor).isEqualTo(WatchKcFeed.sha256(sample) + "||\"v1|a\"");
        assertThat(FeedUrl.Cursor.parse(cursor).etag()).isEqualTo("\"v1|a\"");

        RecordingSink second = new RecordingSink();
        assertThat(feed.sync(new SyncRequest(cursor, null, false), second)).isEqualTo(cursor);
        assertThat(second.touched()).isFalse();
        assertThat(second.skipped).contains("304 Not Modified");
        assertThat(ifNoneMatch).containsExactly("", "\"v1|a\"");
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aFullImportAsksUnconditionallyAndHandsEverythingOver() throws Exception {
        body = TestFeeds.sample();
        etag = "\"v1\"";
        FeedUrl feed = feedUrl();
        String cursor = feed.sync(new SyncRequest(null, null, false), new RecordingSink());
        RecordingSink full = new RecordingSink();

        assertThat(feed.sync(new SyncRequest(cursor, null, true), full)).isEqualTo(cursor);

        assertThat(full.accepted).hasSize(200);
        assertThat(ifNoneMatch).containsExactly("", "");
    }

    @Test
    void theSameBodyWithoutValidatorsIsUnchangedAndTouchesNothing() throws Exception {
        body = TestFeeds.sample();
        FeedUrl feed = feedUrl();
        String cursor = feed.sync(new SyncRequest(null, null, false), new RecordingSink());
        RecordingSink second = new RecordingSink();

        assertThat(feed.sync(new SyncRequest(cursor, null, false), second)).isEqualTo(cursor);

        assertThat(second.touched()).isFalse();
        assertThat(second.skipped).isEqualTo("the feed is the same as at the last import (same SHA-256)");
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aChangedBodyIsImported() throws Exception {
        body = TestFeeds.generated(3).getBytes(StandardCharsets.UTF_8);
        FeedUrl feed = feedUrl();
        String cursor = feed.sync(new SyncRequest(null, null, false), new RecordingSink());
        body = TestFeeds.generated(4).getBytes(StandardCharsets.UTF_8);
        RecordingSink second = new RecordingSink();

        String next = feed.sync(new SyncRequest(cursor, null, false), second);

        assertThat(next).isNotEqualTo(cursor);
        assertThat(second.accepted).hasSize(4);
    }

    @Test
    void anAnswerOtherThan2xxFailsTheSyncNamingTheStatus() throws Exception {
        status = 503;
        FeedUrl feed = feedUrl();
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> feed.sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(IOException.class)
                .hasMessage("the feed URL answered HTTP 503");
        assertThat(sink.touched()).isFalse();
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aBodyLargerThanMaxBytesFailsTheSync() throws Exception {
        body = TestFeeds.generated(1_000).getBytes(StandardCharsets.UTF_8);
        FeedUrl feed = feedUrl(50_000, Duration.ofSeconds(10));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> feed.sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage("the feed is larger than maxBytes (50000)");
        assertThat(sink.touched()).isFalse();
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aServerThatStallsMidBodyFailsTheSyncAfterTheReadTimeout() throws Exception {
        body = TestFeeds.generated(10).getBytes(StandardCharsets.UTF_8);
        stall = true;
        FeedUrl feed = feedUrl(10_000_000, Duration.ofSeconds(1));

        assertThatThrownBy(() -> feed.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("the feed URL sent nothing for 1 s");
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aCancelledImportLeavesNoDownloadBehind() throws Exception {
        body = TestFeeds.generated(1_500).getBytes(StandardCharsets.UTF_8);
        FeedUrl feed = feedUrl();

        assertThatThrownBy(() -> feed.sync(new SyncRequest(null, null, false), new RecordingSink(1)))
                .isInstanceOf(SyncCancelledException.class);
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aCursorSplitsAtTheFirstTwoBarsOnly() {
        FeedUrl.Cursor cursor = new FeedUrl.Cursor("abc", "Sat, 28 Nov 2026 10:00:00 GMT", "W/\"x|y\"");

        assertThat(FeedUrl.Cursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(FeedUrl.Cursor.parse(null)).isEqualTo(new FeedUrl.Cursor("", "", ""));
        assertThat(FeedUrl.Cursor.parse("abc")).isEqualTo(new FeedUrl.Cursor("abc", "", ""));
    }

    @Test
    void aFeedOnAnAddressThePlatformDoesNotAllowFailsTheSyncNamingTheAddressAndItsKind() throws Exception {
        http.stop();
        http = TestOutbound.allowing();
        body = TestFeeds.sample();
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> feedUrl().sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(IOException.class)
                .hasMessage("the feed's address 127.0.0.1 is loopback, which the server does not connect to");
        assertThat(ifNoneMatch).as("requests the server received").isEmpty();
        assertThat(sink.touched()).isFalse();
        assertThat(downloads()).isEmpty();
    }

    @Test
    void aRedirectToAnAddressThePlatformDoesNotAllowFailsTheSync() throws Exception {
        redirectTo = "http://127.0.0.7:" + server.getAddress().getPort() + "/feed.csv";

        assertThatThrownBy(() -> feedUrl().sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(IOException.class)
                .hasMessage("the feed's address 127.0.0.7 is loopback, which the server does not connect to");
        assertThat(ifNoneMatch).hasSize(1);
    }

    @Test
    void aRedirectToAnAllowedAddressIsFollowed() throws Exception {
        body = TestFeeds.sample();
        HttpServer first = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        first.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.csv");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        first.start();
        try {
            URI moved = URI.create("http://127.0.0.1:" + first.getAddress().getPort() + "/old.csv");
            FeedUrl redirected = new FeedUrl("kcpd", new FeedDownload(http, moved, Duration.ofSeconds(5), Duration.ofSeconds(10),
                    10_000_000), dir.resolve("downloads"), 10_000_000);
            RecordingSink sink = new RecordingSink();

            redirected.sync(new SyncRequest(null, null, false), sink);

            assertThat(sink.accepted).hasSize(200);
        } finally {
            first.stop(0);
        }
    }
}
