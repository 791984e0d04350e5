package org.porchlight.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The security headers on the portal's static files too, with a day of caching (they change only with the bundle). */
@Component(service = Filter.class, configurationPid = WebConfiguration.PID, property = {"osgi.http.whiteboard.filter.pattern=/static/*",
    "osgi.http.whiteboard.filter.name=porchlight-static-headers"})
public class StaticHeaders implements Filter {

    private final SecurityHeaders headers;

    @Activate
    public StaticHeaders(WebConfiguration config) {
        this.headers = new SecurityHeaders(config.tileServerUrl());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            headers.apply(http);
            http.setHeader("Cache-Control", "public, max-age=86400");
        }
        chain.doFilter(request, response);
    }
}
