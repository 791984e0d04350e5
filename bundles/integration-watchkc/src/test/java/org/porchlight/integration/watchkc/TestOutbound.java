package org.porchlight.integration.watchkc;

import java.lang.reflect.Proxy;

import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.outbound.JettyOutboundHttp;
import org.porchlight.outbound.OutboundConfiguration;
import org.porchlight.outbound.OutboundPolicy;

/** The platform's real outbound client, with the ranges a platform admin would allow. */
final class TestOutbound {

    private TestOutbound() {
    }

    /** A client that connects to public addresses and to {@code allowedRanges} only; stop it after the test. */
    static JettyOutboundHttp allowing(String... allowedRanges) {
        OutboundConfiguration config = (OutboundConfiguration) Proxy.newProxyInstance(OutboundConfiguration.class.getClassLoader(),
                new Class<?>[] {OutboundConfiguration.class},
                (proxy, method, args) -> method.getName().equals("allowedRanges") ? allowedRanges : method.getDefaultValue());
        return new JettyOutboundHttp(new OutboundPolicy(config));
    }

    static OutboundHttp unused() {
        return request -> {
            throw new AssertionError("nothing is fetched here");
        };
    }
}
