package org.porchlight.rest.problem;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.rest.request.RequestCorrelation;

/** Turns a {@link Problem} into its response, stamped with the request's path and correlation id. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response.ResponseBuilder builder(Problem problem, UriInfo uriInfo) {
        Problem stamped = problem.withRequestId(RequestCorrelation.currentId());
        if (stamped.instance() == null && uriInfo != null) {
            stamped = stamped.withInstance(URI.create(uriInfo.getRequestUri().getRawPath()));
        }
        return Response.status(stamped.status()).type(RestExtensions.PROBLEM_JSON).entity(stamped);
    }

    public static Response of(Problem problem, UriInfo uriInfo) {
        return builder(problem, uriInfo).build();
    }

    /**
     * The problem for a refusal that leaves the request body partly unread (over the size limit,
     * past a JSON limit): the answer says {@code Connection: close}. Jetty 12 closes such a
     * connection after the answer; said in the answer, a client never sends its next request on it.
     */
    public static Response unreadBody(Problem problem, UriInfo uriInfo) {
        return builder(problem, uriInfo).header("Connection", "close").build();
    }
}
