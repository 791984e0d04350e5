package org.porchlight.rest.request;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.rest.RestExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request a correlation id (the caller's {@code X-Request-Id} when it is sane, a
 * fresh one otherwise), puts it in the logging context and on the response, and writes one
 * access-log line per request. The line holds method, path, status and time only: no query
 * string, client address or user agent, which may identify a person.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("porchlight.request-correlation")
@PreMatching
@Priority(RequestCorrelation.PRIORITY)
public class RequestCorrelation implements ContainerRequestFilter, ContainerResponseFilter {

    /** First among the request filters, last among the response filters. */
    static final int PRIORITY = 100;

    /** Key of the correlation id in the logging context (log4j2 pattern {@code %X{requestId}}). */
    public static final String MDC_KEY = "requestId";

    private static final Logger ACCESS = LoggerFactory.getLogger("porchlight.access");
    /** Request properties: the correlation id, and the method and path for log lines written after the response filters. */
    static final String ID_PROPERTY = "porchlight.requestId";
    static final String LINE_PROPERTY = "porchlight.requestLine";
    private static final String START_PROPERTY = "porchlight.requestStart";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(ContainerRequestContext request) {
        String incoming = request.getHeaderString(RestExtensions.REQUEST_ID_HEADER);
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : newId();
        request.setProperty(ID_PROPERTY, id);
        request.setProperty(LINE_PROPERTY, request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath());
        request.setProperty(START_PROPERTY, System.nanoTime());
        MDC.put(MDC_KEY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getProperty(ID_PROPERTY) instanceof String s ? s : newId();
        response.getHeaders().putSingle(RestExtensions.REQUEST_ID_HEADER, id);
        if (ACCESS.isInfoEnabled()) {
            Object start = request.getProperty(START_PROPERTY);
            long micros = start instanceof Long nanos ? (System.nanoTime() - nanos) / 1000 : -1;
            ACCESS.info("{} {} {} {}.{}ms", request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                    response.getStatus(), micros / 1000, String.format("%03d", micros % 1000));
        }
        MDC.remove(MDC_KEY);
    }

    /** The correlation id of the request this thread is serving. */
    public static String currentId() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "none" : id;
    }

    private static String newId() {
        // Unique enough to find a request in the logs; it is not a secret, so no SecureRandom.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
