package org.porchlight.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/** The security headers on the portal's static files too, with a day of caching (they change only with the bundle). */
@Component(service = Filter.class, property = {"osgi.http.whiteboard.filter.pattern=/static/*",
    "osgi.http.whiteboard.filter.name=porchlight-static-headers"})
public class StaticHeaders implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            SecurityHeaders.apply(http);
            http.setHeader("Cache-Control", "public, max-age=86400");
        }
        chain.doFilter(request, response);
    }
}
