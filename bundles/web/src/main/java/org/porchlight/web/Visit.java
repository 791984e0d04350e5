package org.porchlight.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.porchlight.api.security.Caller;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.Upload;

/** One request to the portal as the shell established it: who, in which language, which path, the form token. */
record Visit(HttpServletRequest request, HttpServletResponse response, Locale locale, Optional<Caller> caller, String path,
        String csrf, String clientAddress) {

    /** The caller's role, {@code null} when not signed in. */
    String role() {
        return caller.map(Caller::role).orElse(null);
    }

    /** What of {@code path} lies below the page's own path (as many segments as it has, {@code *} included). */
    static String below(String path, String pagePath) {
        if ("/".equals(pagePath)) {
            return "";
        }
        int segments = pagePath.split("/", -1).length - 1;
        int slash = 0;
        for (int i = 0; i < segments; i++) {
            slash = path.indexOf('/', slash + 1);
            if (slash < 0) {
                return "";
            }
        }
        return path.substring(slash + 1);
    }

    /** The request as the page at {@code pagePath} sees it, reading texts from {@code loader}'s messages. */
    PageRequest forPage(String pagePath, Messages messages, ClassLoader loader) {
        String rest = below(path, pagePath);
        return new PageRequest() {
            @Override
            public Optional<Caller> caller() {
                return caller;
            }

            @Override
            public Locale locale() {
                return locale;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String subPath() {
                return rest;
            }

            @Override
            public String method() {
                return request.getMethod();
            }

            @Override
            public Optional<String> parameter(String name) {
                return Optional.ofNullable(request.getParameter(name));
            }

            @Override
            public List<String> parameters(String name) {
                String[] values = request.getParameterValues(name);
                return values == null ? List.of() : Arrays.asList(values);
            }

            @Override
            public List<Upload> uploads(String name) {
                return Uploads.of(request, name);
            }

            @Override
            public String text(String key, Object... arguments) {
                return messages.text(loader, locale, key, arguments);
            }

            @Override
            public String clientAddress() {
                return clientAddress;
            }
        };
    }
}
