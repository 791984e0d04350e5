package org.porchlight.integration.watchkc;

import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.outbound.JettyOutboundHttp;
import org.porchlight.outbound.OutboundPolicy;

/** Outbound clients for the tests: the platform's real one, or one that must not be used. */
final class TestOutbound {

    private TestOutbound() {
    }

    /** The platform's client, connecting to public addresses and {@code allowedRanges} only; stop it after the test. */
    static JettyOutboundHttp allowing(String... allowedRanges) {
        return new JettyOutboundHttp(OutboundPolicy.allowing(allowedRanges));
    }

    /** A client for code paths that fetch nothing. */
    static OutboundHttp unused() {
        return request -> {
            throw new AssertionError("nothing is fetched here");
        };
    }
}
