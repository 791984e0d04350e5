package org.porchlight.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.rest.request.RequestCorrelation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything nobody planned for: logged in full with the correlation id, answered with a 500 that
 * carries only that id, never the exception.
 */
final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        String id = RequestCorrelation.currentId();
        LOG.error("Unexpected failure of request {}", id, exception);
        return ProblemResponses.of(Problem.of(ProblemType.INTERNAL,
                "Something went wrong on our side. Quote request id " + id + " when you report it."), uriInfo);
    }
}
