package org.porchlight.rest.request;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * An error answer to a request that came with a body says {@code Connection: close}. Jetty 12 drops
 * a connection whose request body is left unread after the answer (a refused upload: 401, 403, 413,
 * a JSON limit); said in the answer, a client never sends its next request on that connection,
 * where it read EOF instead of an answer. Answers that read the body lose only the connection's reuse.
 */
@Component(service = ContainerResponseFilter.class)
@JakartarsExtension
@JakartarsName("porchlight.unread-body-close")
public class UnreadBodyClose implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && cameWithBody(request)) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    static boolean cameWithBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
