package org.porchlight.modules;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Tells the {@link SwapGuard} that the REST runtime has taken a request in (its properties are the
 * servlet request's attributes), so that a swap can see requests that still queue behind a reload.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("porchlight.swap-guard")
@PreMatching
public class SwapGuardInside implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Object entered = request.getProperty(SwapGuard.ENTERED);
        if (entered != null && request.getProperty(SwapGuard.INSIDE) == null) {
            request.setProperty(SwapGuard.INSIDE, Boolean.TRUE);
            SwapGuard.takenIn(entered);
        }
    }
}
