package org.porchlight.jetty.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.rest.RestExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler replaced by one that answers every error as an RFC 9457 problem, whatever
 * the method or the client's {@code Accept}: errors of the HTTP parser (a malformed request line,
 * an over-long URI or header), of the URI checks (an ambiguous path such as {@code %2F}) and of
 * the servlet layer outside Jersey (an unmapped path). A 5xx names a correlation id that is in the
 * log with the exception; no exception text, servlet name or stack reaches the client.
 *
 * <p>On Jetty 12 one {@link Request.Handler} on the server serves all of them: the core calls it
 * through {@code Response.writeError} (status, message and cause in the {@code ERROR_*}
 * attributes), the servlet layer ({@code ee10}) when a servlet sends an error or fails (the
 * servlet attributes {@code jakarta.servlet.error.*}).
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);
    private static final String SERVLET_ERROR_MESSAGE = "jakarta.servlet.error.message";
    private static final String SERVLET_ERROR_EXCEPTION = "jakarta.servlet.error.exception";
    private static final String SERVLET_ERROR_STATUS = "jakarta.servlet.error.status_code";

    private final JsonCodec json;

    ProblemErrorHandler(JsonCodec json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // Jetty's default leaves PUT, DELETE, ... with an empty body
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = status(request, response);
        String reason = attribute(request, ERROR_MESSAGE, SERVLET_ERROR_MESSAGE) instanceof String message ? message : null;
        Object cause = attribute(request, ERROR_EXCEPTION, SERVLET_ERROR_EXCEPTION);
        String id = newId();
        // What the parser refuses is the client's doing, whatever the status: 505 too (no servlet sends it).
        boolean serverFault = status >= 500 && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505;
        if (serverFault) {
            HttpURI uri = request.getHttpURI();
            LOG.error("The web server failed a request ({} {}) with {} (request {})", request.getMethod(),
                    uri == null ? null : uri.getPath(), status, id, cause instanceof Throwable t ? t : null);
        }
        byte[] body = body(status, reason, id, serverFault);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, RestExtensions.PROBLEM_JSON);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(RestExtensions.REQUEST_ID_HEADER, id);
        headers.put(HttpHeader.CONTENT_LENGTH, String.valueOf(body.length));
        if (closesConnection(status)) {
            // Jetty 12 drops the connection after refusing a request line, header or path; said in
            // the answer, a client does not send its next request on a connection that is going.
            headers.put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The refusals of the parser and the URI checks, after which the connection is not reused. */
    static boolean closesConnection(int status) {
        return switch (status) {
            case 400, 408, 413, 414, 431, 505 -> true;
            default -> false;
        };
    }

    private static int status(Request request, Response response) {
        int status = response.getStatus();
        if (status >= 400) {
            return status;
        }
        Object attribute = attribute(request, ERROR_STATUS, SERVLET_ERROR_STATUS);
        return attribute instanceof Integer code && code >= 400 ? code : HttpStatus.INTERNAL_SERVER_ERROR_500;
    }

    private static Object attribute(Request request, String core, String servlet) {
        Object value = request.getAttribute(core);
        return value != null ? value : request.getAttribute(servlet);
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
