package org.porchlight.web;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Requests and responses with just what the shell asks of them. */
final class FakeHttp {

    /** A request under construction. */
    static final class Request {
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> parameters = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        final List<Cookie> cookies = new ArrayList<>();
        String method = "GET";
        boolean secure;

        Request header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        Request parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        Request cookie(String name, String value) {
            cookies.add(new Cookie(name, value));
            return this;
        }

        Request post() {
            method = "POST";
            return this;
        }

        Request secure() {
            secure = true;
            return this;
        }

        HttpServletRequest build() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "isSecure" -> secure;
                        case "getHeader" -> headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
                        case "getHeaders" -> Collections.enumeration(
                                headers.containsKey(((String) args[0]).toLowerCase(Locale.ROOT))
                                        ? List.of(headers.get(((String) args[0]).toLowerCase(Locale.ROOT))) : List.of());
                        case "getParameter" -> parameters.get((String) args[0]);
                        case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** A response that keeps its headers. */
    static final class Response {
        final Map<String, List<String>> headers = new HashMap<>();

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String first(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : values.get(0);
        }

        HttpServletResponse build() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "addHeader" -> headers.computeIfAbsent(((String) args[0]).toLowerCase(Locale.ROOT),
                                    k -> new ArrayList<>()).add((String) args[1]);
                            case "setHeader" -> headers.put(((String) args[0]).toLowerCase(Locale.ROOT),
                                    new ArrayList<>(List.of((String) args[1])));
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }
    }

    private FakeHttp() {
    }
}
