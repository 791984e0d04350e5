package org.porchlight.web;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.porchlight.api.security.Caller;
import org.porchlight.api.security.TokenGrants;

/**
 * A browser's sign-in, kept in the browser and nowhere else: the cookie {@value #COOKIE} holds the
 * identity bundle's access token and refresh token ({@code <access>~<refresh>}), so that any node
 * serves any request and the same checks apply as for the API. The access token is signed
 * (RS256), short-lived, and checked on every request against the account's current state;
 * when it has expired, the refresh token (single use, stored hashed by the identity bundle) renews
 * both and the cookie is replaced. A cookie that is altered, malformed, revoked or expired is a
 * visitor who is not signed in, and the browser is told to forget it.
 */
final class BrowserSessions {

    static final String COOKIE = "pl_session";
    private static final String ATTRIBUTE = BrowserSessions.class.getName();
    private static final char SEPARATOR = '~';
    /** A JWT, the separator, a refresh token; far below a browser's 4 KB per cookie. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{20,3000}~plr_[A-Za-z0-9_-]{20,100}");

    private final TokenGrants grants;

    BrowserSessions(TokenGrants grants) {
        this.grants = grants;
    }

    /** The signed-in caller of the request, renewing the cookie when its access token has expired. */
    Optional<Caller> caller(HttpServletRequest request, HttpServletResponse response) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof Caller caller) {
            return Optional.of(caller);
        }
        Optional<String> cookie = Cookies.read(request, COOKIE);
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        if (!SHAPE.matcher(cookie.get()).matches()) {
            Cookies.clear(request, response, COOKIE);
            return Optional.empty();
        }
        String value = cookie.get();
        int split = value.indexOf(SEPARATOR);
        String access = value.substring(0, split);
        String refresh = value.substring(split + 1);
        Optional<Caller> caller = grants.caller(access).filter(c -> c.credential() == Caller.Credential.TOKEN);
        if (caller.isEmpty()) {
            Optional<TokenGrants.Grant> renewed = grants.refresh(refresh);
            if (renewed.isEmpty()) {
                Cookies.clear(request, response, COOKIE);
                return Optional.empty();
            }
            write(request, response, renewed.get());
            caller = Optional.of(renewed.get().caller());
        }
        request.setAttribute(ATTRIBUTE, caller.get());
        return caller;
    }

    /** Starts the browser's session after a sign-in; the CSRF token is replaced with it. */
    void start(HttpServletRequest request, HttpServletResponse response, TokenGrants.Grant grant) {
        write(request, response, grant);
        request.setAttribute(ATTRIBUTE, grant.caller());
        CsrfTokens.rotate(request, response);
    }

    /** Signs the browser out: the refresh token's sign-in is revoked and the cookie forgotten. */
    void end(HttpServletRequest request, HttpServletResponse response) {
        Cookies.read(request, COOKIE).filter(v -> SHAPE.matcher(v).matches())
                .ifPresent(v -> grants.signOut(v.substring(v.indexOf(SEPARATOR) + 1)));
        Cookies.clear(request, response, COOKIE);
        request.removeAttribute(ATTRIBUTE);
        CsrfTokens.rotate(request, response);
    }

    static String value(TokenGrants.Grant grant) {
        return grant.accessToken() + SEPARATOR + grant.refreshToken();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, TokenGrants.Grant grant) {
        // A session cookie: closing the browser signs out (shared computers); the refresh token expires on its own too.
        Cookies.write(request, response, COOKIE, value(grant), null);
    }
}
