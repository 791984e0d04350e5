package org.porchlight.web;

import org.osgi.service.component.annotations.Component;

/**
 * The portal's static files, served by the HTTP whiteboard from this bundle's {@code static/}
 * folder at {@code /static/}: the style sheet and htmx (copied from its WebJar at build time).
 */
@Component(service = StaticFiles.class, property = {"osgi.http.whiteboard.resource.pattern=/static/*",
    "osgi.http.whiteboard.resource.prefix=/static"})
public class StaticFiles {
}
