package org.porchlight.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.porchlight.api.problem.ProblemException;

/** A problem a resource or service raised on purpose. */
final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(ProblemException exception) {
        Response.ResponseBuilder response = ProblemResponses.builder(exception.problem(), uriInfo);
        exception.headers().forEach(response::header);
        return response.build();
    }
}
