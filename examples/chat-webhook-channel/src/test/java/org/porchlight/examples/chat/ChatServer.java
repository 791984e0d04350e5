package org.porchlight.examples.chat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A chat server's incoming webhook on loopback, as the tests' stand-in for Slack or Mattermost: it keeps every post
 * and answers each with the next status of a script (then 200).
 */
final class ChatServer implements AutoCloseable {

    /** One post as the chat server received it. */
    record Post(String path, String contentType, String idempotencyKey, String body) {
    }

    static final String HOOK = "/hooks/T0000/B0000/room-token";

    private final HttpServer server;
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final List<Integer> script;
    private final AtomicInteger answered = new AtomicInteger();

    /** @param script the statuses of the first answers, e.g. 503 then 200 */
    ChatServer(Integer... script) throws IOException {
        this.script = List.of(script);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posts.add(new Post(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            int n = answered.getAndIncrement();
            int status = n < this.script.size() ? this.script.get(n) : 200;
            if (status / 100 == 3) {
                exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    /** The incoming webhook's URL, token included. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + HOOK;
    }

    /** The next post, waiting up to {@code seconds} for it; fails if none comes. */
    Post next(int seconds) throws InterruptedException {
        Post post = posts.poll(seconds, TimeUnit.SECONDS);
        if (post == null) {
            throw new AssertionError("no post reached the chat server within " + seconds + " s");
        }
        return post;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
