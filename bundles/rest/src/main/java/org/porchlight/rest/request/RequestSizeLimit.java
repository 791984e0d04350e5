package org.porchlight.rest.request;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.rest.RestConfiguration;
import org.porchlight.rest.problem.BodyTooLargeMapper;
import org.porchlight.rest.problem.ProblemResponses;

/**
 * Refuses bodies over the configured limit with 413: at once when Content-Length says so, and
 * while reading when a chunked body runs past it, so that nothing large is ever buffered. Methods
 * marked {@link StreamedBody} stream their bodies and enforce their own limits; the filter runs
 * after matching so that it can tell.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = RestConfiguration.PID)
@Designate(ocd = RestConfiguration.class)
@JakartarsExtension
@JakartarsName("porchlight.request-size-limit")
@Priority(RequestCorrelation.PRIORITY + 100)
public class RequestSizeLimit implements ContainerRequestFilter {

    private volatile long limit;

    @Activate
    @Modified
    void configure(RestConfiguration config) {
        limit = config.maxRequestBytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // The matched method straight from the routing context (an injected ResourceInfo is an HK2 proxy, dearer
        // per call); and a request without Content-Length or Transfer-Encoding has no body to ask the stream about.
        ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        if (matched != null && matched.getInvocable().getDefinitionMethod().isAnnotationPresent(StreamedBody.class)) {
            return;
        }
        long max = limit;
        long declared = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared > max) {
            request.abortWith(ProblemResponses.unreadBody(BodyTooLargeMapper.tooLarge(max), request.getUriInfo()));
        } else if (UnreadBodyClose.cameWithBody(request) && request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), max));
        }
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
