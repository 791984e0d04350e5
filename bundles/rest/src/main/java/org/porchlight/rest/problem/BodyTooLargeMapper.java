package org.porchlight.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.porchlight.api.problem.Problem;
import org.porchlight.rest.request.BodyTooLargeException;

/** A streamed body that went past the limit while it was being read. */
public final class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(BodyTooLargeException exception) {
        return ProblemResponses.unreadBody(tooLarge(exception.limit()), uriInfo);
    }

    public static Problem tooLarge(long limit) {
        return Problem.ofStatus(413, "Content Too Large", "The request body is larger than the limit of " + limit + " bytes.");
    }
}
