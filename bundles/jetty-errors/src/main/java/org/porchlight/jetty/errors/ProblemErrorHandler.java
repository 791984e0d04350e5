package org.porchlight.jetty.errors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.rest.RestExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler replaced by one that answers every error as an RFC 9457 problem, whatever
 * the method or the client's {@code Accept}: errors of the HTTP parser (a malformed request line,
 * an over-long URI or header) and errors of the servlet layer outside Jersey (an ambiguous or
 * unmapped path). A 5xx names a correlation id that is in the log with the exception; no
 * exception text, servlet name or stack reaches the client.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final JsonCodec json;

    ProblemErrorHandler(JsonCodec json) {
        this.json = json;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // Jetty's default leaves PUT, DELETE, ... with an empty body
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        String reason = request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
                ? message : baseRequest.getResponse().getReason();
        Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String id = newId();
        if (status >= 500) {
            LOG.error("The web server failed a request ({} {}) with {} (request {})", request.getMethod(),
                    request.getRequestURI(), status, id, cause instanceof Throwable t ? t : null);
        }
        byte[] body = body(status, reason, id, status >= 500);
        response.resetBuffer();
        response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
        response.setHeader(RestExtensions.REQUEST_ID_HEADER, id);
        response.setContentType(RestExtensions.PROBLEM_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Errors found while parsing, before there is a request: 400, 414, 431 and the like. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = newId();
        fields.put(HttpHeader.CONTENT_TYPE, RestExtensions.PROBLEM_JSON);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put(RestExtensions.REQUEST_ID_HEADER, id);
        // Whatever the status (505 too), what the parser refuses is the client's doing.
        return ByteBuffer.wrap(body(status, reason, id, false));
    }

    private byte[] body(int status, String reason, String id, boolean serverFault) {
        return json.write(problem(status, reason, id, serverFault)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The problem for {@code status}; {@code reason} is Jetty's own wording (e.g. "Illegal character
     * SPACE"), kept for client errors and left out of server faults, where it could name internals.
     */
    static Problem problem(int status, String reason, String id, boolean serverFault) {
        String title = HttpStatus.getMessage(status);
        String detail;
        if (serverFault) {
            detail = "The server could not answer this request. Quote request id " + id + " when you report it.";
        } else if (reason == null || reason.isBlank() || reason.equals(title)) {
            detail = clientDetail(status);
        } else {
            detail = clientDetail(status) + " (" + reason + ")";
        }
        return Problem.ofStatus(status, title, detail).withRequestId(id);
    }

    private static String clientDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its request line, a header or the path could not be accepted.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This method is not allowed at this path.";
            case 413 -> "The request is too large.";
            case 414 -> "The request's URI is longer than the server accepts.";
            case 431 -> "The request's headers are larger than the server accepts.";
            case 505 -> "This HTTP version is not supported; use HTTP/1.1.";
            default -> "The request could not be served.";
        };
    }

    private static String newId() {
        // Unique enough to find a request in the logs; it is not a secret (as the REST core's ids).
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
