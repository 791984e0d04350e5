package org.porchlight.incentives.web;

import org.osgi.service.component.annotations.Component;

/**
 * The public raffle page's script ({@code static/incentives/raffle-check.js}: the draw recomputed in the browser with
 * Web Crypto), served by the HTTP whiteboard from this bundle at {@code /static/incentives/}; the shell's filter adds
 * the security headers to everything under {@code /static/}.
 */
@Component(service = RaffleScript.class, property = {"osgi.http.whiteboard.resource.pattern=/static/incentives/*",
    "osgi.http.whiteboard.resource.prefix=/static/incentives"})
public class RaffleScript {

    static final String PREFIX = "/static/incentives";
}
