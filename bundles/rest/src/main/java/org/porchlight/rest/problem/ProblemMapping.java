package org.porchlight.rest.problem;

import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.rest.security.AccessControl;

/**
 * Every error answered as RFC 9457 problem details, whichever bundle's resource raised it. One
 * feature registers all the mappers, so that they come and go together.
 *
 * <p>Every resource selects this feature. It is only registered while access control is, so
 * that no resource is ever served without authorization.
 */
@Component(service = Feature.class, reference = @Reference(name = "access", service = ContainerRequestFilter.class,
        target = "(osgi.jakartars.name=" + AccessControl.NAME + ")"))
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
