package org.porchlight.rest.request;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes every response body with the request's correlation id in the logging context (the
 * response filters, which run first, have taken it out), and takes a client that hangs up part-way
 * through a body for what it is, its own doing and not a server error: one INFO line with the
 * request, the bytes it got and the correlation id; no ERROR, no stack trace. A failure of the
 * connection is told from any other by where it arose: in a write to the connection's stream.
 */
@Component(service = WriterInterceptor.class)
@JakartarsExtension
@JakartarsName("porchlight.response-streaming")
@Priority(Priorities.USER)
public class ResponseStreaming implements WriterInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseStreaming.class);

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        String id = context.getProperty(RequestCorrelation.ID_PROPERTY) instanceof String s ? s : null;
        String previous = MDC.get(RequestCorrelation.MDC_KEY);
        if (id != null) {
            MDC.put(RequestCorrelation.MDC_KEY, id);
        }
        Connection connection = new Connection(context.getOutputStream(), id,
                context.getProperty(RequestCorrelation.LINE_PROPERTY));
        context.setOutputStream(connection);
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            if (connection.failure == null) {
                throw e; // the body's own failure (e.g. a file it read): an error for the mappers and the log
            }
            // The client hung up (the connection told it once); the body stopped and the response is over.
        } finally {
            if (previous == null) {
                MDC.remove(RequestCorrelation.MDC_KEY);
            } else {
                MDC.put(RequestCorrelation.MDC_KEY, previous);
            }
        }
    }

    /**
     * The stream to the client: counts what it was given, and tells of the first failure, the hang-up, in
     * one line. Once the client is gone, what is still written, flushed or closed goes nowhere, so
     * that nothing after the body reports the same hang-up again.
     */
    static final class Connection extends FilterOutputStream {

        private final String requestId;
        private final Object requestLine;
        long written;
        IOException failure;

        Connection(OutputStream out, String requestId, Object requestLine) {
            super(out);
            this.requestId = requestId;
            this.requestLine = requestLine;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (failure == null) {
                written += length; // given to the connection: at most this many reached the client
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    throw hungUp(e);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (failure == null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw hungUp(e);
                }
            }
        }

        /** Closes the response; a hang-up now, on the last bytes, is told like one during the body and not thrown. */
        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    hungUp(e);
                }
            }
        }

        private IOException hungUp(IOException e) {
            failure = e;
            LOG.info("Request {}: the client hung up after at most {} bytes of the response to {} ({})", requestId, written, requestLine,
                    e.getClass().getSimpleName());
            return e;
        }
    }
}
