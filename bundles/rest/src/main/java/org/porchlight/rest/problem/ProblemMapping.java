package org.porchlight.rest.problem;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.rest.RestExtensions;

/**
 * Every error answered as RFC 9457 problem details, whichever bundle's resource raised it. One
 * feature registers all the mappers, so that they come and go together.
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsName(RestExtensions.PROBLEMS_NAME)
public class ProblemMapping implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        UnexpectedErrorMapper unexpected = new UnexpectedErrorMapper();
        context.register(unexpected);
        context.register(new ProblemExceptionMapper());
        context.register(new HttpErrorMapper());
        context.register(new ValidationErrorMapper(unexpected));
        context.register(new JsonErrorMapper());
        context.register(new BodyTooLargeMapper());
        return true;
    }
}
