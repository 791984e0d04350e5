package org.porchlight.rest.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.rest.RestConfiguration;

/** Behind a trusted TLS proxy, the X-Forwarded-Proto line the proxy appended decides, not one the client sent first. */
class HttpsPolicyTest {

    private final HttpsPolicy policy = new HttpsPolicy(new TrustedProxies(List.of("10.0.0.0/8")), null,
            proxy(BundleContext.class, Map.of()),
            proxy(RestConfiguration.class, Map.of("trustedProxies", new String[] {"10.0.0.0/8"}, "httpsRedirect", true)));

    @Test
    void aClientsOwnHeaderLineBeforeTheProxysDoesNotMakePlainHttpCountAsHttps() throws Exception {
        Map<String, String> headers = new HashMap<>();
        boolean[] passed = new boolean[1];
        policy.doFilter(request(List.of("https", "http")), response(headers), chain(passed));
        assertThat(passed[0]).as("sent to HTTPS, not served").isFalse();
        assertThat(headers).containsKey("Location").doesNotContainKey("Strict-Transport-Security");

        headers.clear();
        policy.doFilter(request(List.of("http", "https")), response(headers), chain(passed));
        assertThat(passed[0]).as("the proxy says HTTPS").isTrue();
        assertThat(headers).containsKey("Strict-Transport-Security");
    }

    private static HttpServletRequest request(List<String> forwardedProto) {
        return proxy(HttpServletRequest.class, Map.of("isSecure", false, "getRemoteAddr", "10.1.2.3", "getMethod", "GET",
                "getRequestURI", "/requests", "getServerName", "porchlight.example.org",
                "getHeaders", Collections.enumeration(forwardedProto), "getHeader", forwardedProto.get(0)));
    }

    private static HttpServletResponse response(Map<String, String> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(HttpsPolicyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
    }

    private static FilterChain chain(boolean[] passed) {
        return (request, response) -> passed[0] = true;
    }

    /** A proxy answering by method name from {@code answers}, else the method's default value (annotations), else null. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(HttpsPolicyTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answers.containsKey(method.getName()) ? answers.get(method.getName())
                        : method.getDefaultValue());
    }
}
