package org.porchlight.rest.problem;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.glassfish.jersey.server.ParamException;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.problem.ProblemType;

/**
 * HTTP errors raised by Jersey or by resources (404, 405, 406, 415, ...) as problems. A
 * parameter that does not convert is the client's mistake: 400 naming the parameter, rather
 * than the 404 that JAX-RS prescribes for query parameters.
 */
final class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    /** Headers of the original response that still apply to the problem, e.g. {@code Allow} on a 405. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION);

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (exception instanceof ParamException param && !(exception instanceof ParamException.PathParamException)) {
            String name = param.getParameterName();
            return ProblemResponses.of(Problem.of(ProblemType.VALIDATION, "Parameter '" + name + "' has the wrong format.")
                    .withErrors(List.of(new FieldError(name, "cannot be read as the expected type"))), uriInfo);
        }
        if (exception.getCause() instanceof NoContentException) {
            return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_BODY, "This request needs a JSON body."), uriInfo);
        }
        int status = original.getStatus();
        Response.StatusType statusType = original.getStatusInfo();
        Response.ResponseBuilder problem = ProblemResponses.builder(
                Problem.ofStatus(status, statusType.getReasonPhrase(), detail(status)), uriInfo);
        for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
            if (KEPT_HEADERS.stream().anyMatch(header.getKey()::equalsIgnoreCase)) {
                header.getValue().forEach(value -> problem.header(header.getKey(), value));
            }
        }
        return problem.build();
    }

    private String detail(int status) {
        return switch (status) {
            case 404 -> "There is no resource at " + uriInfo.getRequestUri().getRawPath() + ".";
            case 405 -> "This resource does not support that method; the Allow header lists those it does.";
            case 406 -> "This resource cannot answer in any of the media types the Accept header asks for.";
            case 415 -> "This resource does not accept that Content-Type.";
            default -> null;
        };
    }
}
