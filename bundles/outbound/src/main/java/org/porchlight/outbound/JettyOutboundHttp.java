package org.porchlight.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.outbound.OutboundAddresses;
import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.outbound.OutboundRequest;
import org.porchlight.api.outbound.OutboundResponse;
import org.porchlight.api.outbound.RefusedAddressException;

/**
 * The platform's outbound HTTP client: Jetty's, resolving names through {@link CheckedResolver}
 * and following redirects itself, each hop a new request whose address is checked the same way.
 * HTTP/1.1 only, no cookies kept, no proxy, TLS with the JVM's trust store and host name check.
 *
 * <p>Jetty sets the connection timeout per client, so there is one client per distinct connection
 * timeout asked for (feeds and webhooks configure a handful), each with a small pool of its own
 * threads: Jetty's client runs on its own executor.
 */
@Component(service = OutboundHttp.class)
public class JettyOutboundHttp implements OutboundHttp {

    private final CheckedResolver resolver;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    @Activate
    public JettyOutboundHttp(@Reference OutboundAddresses policy) {
        this.resolver = new CheckedResolver(policy);
    }

    @Deactivate
    public void stop() {
        stopped = true;
        for (HttpClient client : clients.values()) {
            try {
                client.stop();
            } catch (Exception e) {
                // Stopping: its threads are daemons and end with it either way.
            }
        }
        clients.clear();
    }

    @Override
    public OutboundResponse send(OutboundRequest request) throws IOException, InterruptedException {
        long deadline = request.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + request.timeout().toNanos();
        OutboundRequest hop = request;
        for (int redirects = 0; ; redirects++) {
            StreamedResponse response = exchange(hop, deadline);
            if (!Redirects.isRedirect(response.status()) || request.maxRedirects() == 0) {
                return response;
            }
            response.close();
            if (redirects >= request.maxRedirects()) {
                throw new IOException("more than " + request.maxRedirects() + " redirects");
            }
            hop = Redirects.follow(hop, response.status(), response.header("Location").orElse(null));
        }
    }

    private StreamedResponse exchange(OutboundRequest hop, long deadline) throws IOException, InterruptedException {
        URI uri = hop.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IOException("not an http(s) URL with a host");
        }
        Request jetty = client(hop.connectTimeout()).newRequest(uri).method(hop.method()).followRedirects(false)
                .idleTimeout(hop.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        jetty.headers(headers -> hop.headers().forEach(headers::put));
        if (hop.body().length > 0) {
            jetty.body(new BytesRequestContent(hop.body()));
        }
        long wait = hop.connectTimeout().plus(hop.idleTimeout()).toNanos();
        if (deadline != Long.MAX_VALUE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new HttpTimeoutException("the timeout of " + Duration.ofNanos(left) + " ran out during redirects");
            }
            jetty.timeout(TimeUnit.NANOSECONDS.toMillis(left) + 1, TimeUnit.MILLISECONDS);
            wait = Math.min(wait, left);
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        jetty.send(listener);
        try {
            Response response = listener.get(wait, TimeUnit.NANOSECONDS);
            InputStream body = listener.getInputStream();
            return new StreamedResponse(uri, response, body);
        } catch (TimeoutException e) {
            jetty.abort(e);
            throw new HttpTimeoutException("no answer within " + Duration.ofNanos(wait).toSeconds() + " s");
        } catch (InterruptedException e) {
            jetty.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** What Jetty failed with, as the caller should see it: a refusal as such, a timeout as {@link HttpTimeoutException}. */
    private static IOException failure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedAddressException refused) {
                return new RefusedAddressException(refused.address(), refused.addressClass());
            }
            if (cause instanceof TimeoutException timeout) {
                return new HttpTimeoutException(timeout.getMessage());
            }
        }
        return failure instanceof IOException io ? io : new IOException(failure);
    }

    private HttpClient client(Duration connectTimeout) throws IOException {
        if (stopped) {
            throw new IOException("the outbound HTTP client is stopping");
        }
        try {
            return clients.computeIfAbsent(connectTimeout, this::started);
        } catch (IllegalStateException e) {
            throw new IOException("the outbound HTTP client cannot start", e.getCause());
        }
    }

    private HttpClient started(Duration connectTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 1);
        threads.setName("porchlight-outbound");
        threads.setDaemon(true);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(1));
        client.setExecutor(threads);
        client.setSocketAddressResolver(resolver);
        client.setFollowRedirects(false);
        client.setConnectTimeout(Math.max(1, connectTimeout.toMillis()));
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Porchlight"));
        client.setSslContextFactory(new SslContextFactory.Client());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client;
    }
}
