package org.porchlight.outbound;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.Response;
import org.porchlight.api.outbound.OutboundResponse;

/** An answer whose body streams from Jetty; a timeout while reading shows as {@link HttpTimeoutException}. */
final class StreamedResponse implements OutboundResponse {

    private final URI uri;
    private final Response response;
    private final InputStream body;

    StreamedResponse(URI uri, Response response, InputStream body) {
        this.uri = uri;
        this.response = response;
        this.body = new TimeoutsTold(body);
    }

    @Override
    public int status() {
        return response.getStatus();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(response.getHeaders().get(name));
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    /** Jetty fails a read with an IOException caused by a TimeoutException: callers get the JDK's type for it. */
    private static final class TimeoutsTold extends FilterInputStream {

        TimeoutsTold(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw told(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw told(e);
            }
        }

        private static IOException told(IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TimeoutException timeout) {
                    HttpTimeoutException told = new HttpTimeoutException(
                            "the body stopped arriving (" + timeout.getMessage() + ")");
                    told.initCause(e);
                    return told;
                }
            }
            return e;
        }
    }
}
