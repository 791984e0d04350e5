package org.porchlight.rest.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.ext.WriterInterceptorContext;

import org.junit.jupiter.api.Test;

/** Response bodies to clients that hang up part-way; the correlation id in the log is checked over HTTP (EvidenceContract). */
class ResponseStreamingTest {

    /** A connection that takes {@code capacity} bytes, then fails as Jetty does when the client is gone. */
    private static final class Client extends OutputStream {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final int capacity;
        int writeAttempts;

        Client(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writeAttempts++;
            if (received.size() + length > capacity) {
                throw new EOFException("reset by peer"); // Jetty's EofException is one
            }
            received.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (received.size() >= capacity) {
                throw new EOFException("closed");
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Map<String, Object> properties = new HashMap<>(Map.of(RequestCorrelation.ID_PROPERTY, "req-7",
            RequestCorrelation.LINE_PROPERTY, "GET /api/things/1/content"));
    private OutputStream stream;

    @Test
    void aClientThatHangsUpPartWayEndsTheBodyWithoutAnError() throws IOException {
        Client client = new Client(10_000);
        stream = client;
        write(out -> {
            for (int i = 0; i < 100; i++) {
                out.write(new byte[4096]);
            }
        });
        assertThat(client.received.size()).isEqualTo(8192);
        assertThat(((ResponseStreaming.Connection) stream).written).as("given to the connection, the last part-way")
                .isEqualTo(3 * 4096);
        stream.write(new byte[10]);
        stream.flush();
        stream.close();
        assertThat(client.writeAttempts).as("nothing more goes to a connection that failed").isEqualTo(3);
    }

    @Test
    void theBodysOwnFailureIsStillAnError() {
        stream = new Client(1_000_000);
        assertThatThrownBy(() -> write(out -> {
            out.write(new byte[100]);
            throw new EOFException("the file being served ends early");
        })).isInstanceOf(EOFException.class).hasMessageContaining("file being served");
    }

    @Test
    void aBodyThatWrapsTheHangUpInAnotherExceptionStillEndsWithoutAnError() throws IOException {
        stream = new Client(10);
        write(out -> {
            try {
                out.write(new byte[100]);
            } catch (IOException e) {
                throw new IllegalStateException("zip entry could not be written", e);
            }
        });
    }

    @Test
    void aHangUpOnTheLastBytesWhenTheResponseClosesIsNotThrown() throws IOException {
        Client client = new Client(100);
        stream = client;
        write(out -> out.write(new byte[100]));
        stream.close();
        assertThat(((ResponseStreaming.Connection) stream).failure).isInstanceOf(EOFException.class);
    }

    private void write(Body body) throws IOException {
        WriterInterceptorContext context = (WriterInterceptorContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WriterInterceptorContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getOutputStream" -> stream;
                    case "setOutputStream" -> {
                        stream = (OutputStream) args[0];
                        yield null;
                    }
                    case "proceed" -> {
                        body.writeTo(stream);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        new ResponseStreaming().aroundWriteTo(context);
    }
}
