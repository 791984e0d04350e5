package org.porchlight.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

class ChangeRequestsTest {

    /** A request with a method, headers and parameters; nothing else is asked of it. */
    private static HttpServletRequest request(String method, Map<String, String> headers, Map<String, String> parameters) {
        Map<String, String> byName = new HashMap<>();
        headers.forEach((k, v) -> byName.put(k.toLowerCase(), v));
        return (HttpServletRequest) Proxy.newProxyInstance(ChangeRequestsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> byName.get(((String) args[0]).toLowerCase());
                    case "getContentType" -> byName.get("content-type");
                    case "getParameter" -> parameters.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void readsAreNeverRefused() {
        assertThat(ChangeRequests.refusal(request("GET", Map.of("Origin", "https://evil.example"), Map.of("action", "install"))))
                .isEmpty();
    }

    @Test
    void startingAndStoppingBundlesFromTheConsolesOwnPageIsAllowed() {
        assertThat(ChangeRequests.refusal(request("POST",
                Map.of("Host", "portal.example:8080", "Origin", "http://portal.example:8080"), Map.of("action", "stop")))).isEmpty();
        assertThat(ChangeRequests.refusal(request("POST",
                Map.of("Host", "portal.example", "Referer", "https://portal.example/system/console/bundles"), Map.of("action", "start"))))
                .isEmpty();
        assertThat(ChangeRequests.refusal(request("POST", Map.of("Host", "portal.example"), Map.of("action", "refresh"))))
                .as("a program (no Origin, no Referer)").isEmpty();
    }

    @Test
    void installingOrUpdatingBundlesIsRefused() {
        Map<String, String> host = Map.of("Host", "portal.example");
        assertThat(ChangeRequests.refusal(request("POST", Map.of("Host", "portal.example", "Content-Type",
                "multipart/form-data; boundary=x"), Map.of()))).hasValueSatisfying(r -> assertThat(r).contains("deploy/"));
        assertThat(ChangeRequests.refusal(request("POST", Map.of("Host", "portal.example", "Content-Type",
                " Multipart/Form-Data; boundary=x"), Map.of()))).isPresent();
        assertThat(ChangeRequests.refusal(request("POST", host, Map.of("action", "install")))).isPresent();
        assertThat(ChangeRequests.refusal(request("POST", host, Map.of("action", "update")))).isPresent();
        assertThat(ChangeRequests.refusal(request("PUT", host, Map.of("action", " UPDATE ")))).isPresent();
    }

    @Test
    void changesFromAnotherSiteAreRefused() {
        assertThat(ChangeRequests.refusal(request("POST",
                Map.of("Host", "portal.example", "Origin", "https://evil.example"), Map.of("action", "stop")))).isPresent();
        assertThat(ChangeRequests.refusal(request("POST",
                Map.of("Host", "portal.example", "Origin", "https://portal.example:8443"), Map.of()))).isPresent();
        assertThat(ChangeRequests.refusal(request("POST", Map.of("Host", "portal.example", "Origin", "null"), Map.of())))
                .isPresent();
        assertThat(ChangeRequests.refusal(request("POST",
                Map.of("Host", "portal.example", "Referer", "https://evil.example/page"), Map.of()))).isPresent();
        assertThat(ChangeRequests.refusal(request("POST", Map.of("Origin", "https://portal.example"), Map.of())))
                .as("no Host to compare with").isPresent();
    }

    @Test
    void aDefaultPortInTheOriginMatchesAHostWithout() {
        assertThat(ChangeRequests.sameOrigin(request("POST",
                Map.of("Host", "portal.example", "Origin", "https://portal.example:443"), Map.of()))).isTrue();
    }
}
