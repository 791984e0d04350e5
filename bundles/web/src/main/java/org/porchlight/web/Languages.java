package org.porchlight.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The language of a page: the one chosen with the switch ({@code ?lang=es}, then remembered in the
 * cookie {@value #COOKIE}), else the one the signed-in account chose in its profile, else the best
 * the browser's {@code Accept-Language} asks for, else the configured default. Only the portal's
 * languages are ever chosen. (Saving a language in the profile redirects with {@code ?lang=}, so the
 * cookie follows the profile in that browser.)
 */
final class Languages {

    static final String COOKIE = "pl_lang";
    static final String PARAMETER = "lang";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    private final Locale fallback;
    private final Duration remember;

    Languages(String defaultLanguage, Duration remember) {
        this.fallback = supported(defaultLanguage).orElse(Locale.ENGLISH);
        this.remember = remember;
    }

    /**
     * The language of this request; a choice made with the switch is remembered in a cookie.
     * {@code preferred} is the signed-in account's own choice, asked only when neither the switch nor
     * the cookie decides.
     */
    Locale choose(HttpServletRequest request, HttpServletResponse response, Supplier<Optional<Locale>> preferred) {
        Optional<Locale> chosen = supported(request.getParameter(PARAMETER));
        if (chosen.isPresent()) {
            Cookies.write(request, response, COOKIE, chosen.get().getLanguage(), remember);
            return chosen.get();
        }
        return Cookies.read(request, COOKIE).flatMap(Languages::supported)
                .or(() -> preferred.get().flatMap(l -> supported(l.getLanguage())))
                .orElseGet(() -> fromHeader(request.getHeader("Accept-Language")).orElse(fallback));
    }

    /** The supported language that {@code Accept-Language} prefers, by its q-values. */
    static Optional<Locale> fromHeader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1000) {
            return Optional.empty();
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            return Optional.ofNullable(Locale.lookup(ranges, SUPPORTED));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The supported language of a tag such as {@code es} or {@code es-MX}; empty for anything else. */
    static Optional<Locale> supported(String tag) {
        if (tag == null || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }
}
