package org.porchlight.rest.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

/** The access log and the lines after the response keep no link token of the path. */
class RequestCorrelationTest {

    private static final String TOKEN = "q3Jx-9vLk_2mZpW8tYbN4cR7sD1fH6gJ0aE5uIoKlMn";

    @Test
    void theRequestLineForTheLogHasTheTokenReplaced() {
        Map<String, Object> properties = new HashMap<>();
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getRequestUri")
                        ? URI.create("http://localhost/api/public/submissions/" + TOKEN.substring(0, 5) + "%2D"
                                + TOKEN.substring(6) + "/files?x=1")
                        : null);
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getUriInfo" -> uri;
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> null;
                });
        new RequestCorrelation().filter(request);
        assertThat(properties.get(RequestCorrelation.LINE_PROPERTY)).isEqualTo("POST /api/public/submissions/[token]/files");
    }

    @Test
    void theAccessLineIsMethodPathStatusAndTime() {
        assertThat(RequestCorrelation.accessLine("GET /api/public/submissions/[token]", 200, 1_683))
                .isEqualTo("GET /api/public/submissions/[token] 200 1.683ms");
        assertThat(RequestCorrelation.accessLine("GET /api/health", 204, 42)).isEqualTo("GET /api/health 204 0.042ms");
        assertThat(RequestCorrelation.accessLine("GET /api/health", 200, 5)).isEqualTo("GET /api/health 200 0.005ms");
        assertThat(RequestCorrelation.accessLine("POST /api/x", 500, 12_345_600)).isEqualTo("POST /api/x 500 12345.600ms");
    }
}
