package org.porchlight.rest.request;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

import org.glassfish.jersey.server.ExtendedUriInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.rest.PathRedaction;
import org.porchlight.api.rest.RestExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request a correlation id (the caller's {@code X-Request-Id} when it is sane, a
 * fresh one otherwise), puts it in the logging context and on the response, and writes one
 * access-log line per request. The line holds method, path, status and time only: no query
 * string, client address or user agent, which may identify a person, and link tokens in the path
 * replaced ({@link PathRedaction}). While a {@link Metrics}
 * service runs, each request is also timed under {@value #REQUESTS} by method, route template
 * ({@link RouteTemplate}: never the raw path) and status.
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
    /** The request timer's name: {@code porchlight_http_requests_seconds} on the Prometheus endpoint. */
    public static final String REQUESTS = "porchlight.http.requests";
    private static final String REQUESTS_HELP = "Requests to /api by method, route template and status, with their time";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Metrics metrics;

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(ContainerRequestContext request) {
        String incoming = request.getHeaderString(RestExtensions.REQUEST_ID_HEADER);
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : newId();
        request.setProperty(ID_PROPERTY, id);
        request.setProperty(LINE_PROPERTY, request.getMethod() + " " + loggedPath(request));
        request.setProperty(START_PROPERTY, System.nanoTime());
        MDC.put(MDC_KEY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getProperty(ID_PROPERTY) instanceof String s ? s : newId();
        response.getHeaders().putSingle(RestExtensions.REQUEST_ID_HEADER, id);
        Object start = request.getProperty(START_PROPERTY);
        long elapsed = start instanceof Long nanos ? System.nanoTime() - nanos : -1;
        Metrics meters = metrics;
        if (meters != null && elapsed >= 0) {
            meters.record(REQUESTS, REQUESTS_HELP, Duration.ofNanos(elapsed), "method", RouteTemplate.method(request.getMethod()),
                    "route", RouteTemplate.label((ExtendedUriInfo) request.getUriInfo()),
                    "status", Integer.toString(response.getStatus()));
        }
        if (ACCESS.isInfoEnabled()) {
            long micros = elapsed < 0 ? -1 : elapsed / 1000;
            // The line as the request came in (redacted once, in the request filter above).
            String line = request.getProperty(LINE_PROPERTY) instanceof String l ? l : request.getMethod() + " " + loggedPath(request);
            ACCESS.info(accessLine(line, response.getStatus(), micros));
        }
        MDC.remove(MDC_KEY);
    }

    /** The request's path as log lines may hold it: link tokens in it replaced (PathRedaction). */
    private static String loggedPath(ContainerRequestContext request) {
        return PathRedaction.path(request.getUriInfo().getRequestUri().getRawPath());
    }

    /**
     * The access-log line: method and path (redacted by the caller), status, time in ms; -1 micros
     * if unknown. Built by hand: String.format cost a twentieth of a trivial request.
     */
    static String accessLine(String requestLine, int status, long micros) {
        StringBuilder line = new StringBuilder(requestLine.length() + 20).append(requestLine).append(' ').append(status).append(' ');
        if (micros < 0) {
            line.append('-');
            micros = -micros;
        }
        long fraction = micros % 1000;
        line.append(micros / 1000).append('.');
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        return line.append(fraction).append("ms").toString();
    }

    /** The correlation id of the request this thread is serving. */
    public static String currentId() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "none" : id;
    }

    static String newId() {
        // Unique enough to find a request in the logs; it is not a secret, so no SecureRandom.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
