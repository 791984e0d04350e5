package org.porchlight.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * How long a renewal's result is kept for the same refresh token. A page and its htmx requests
     * can all find the access token expired at once; on this node the first renews and the others
     * get its result. Requests of the page that reach other nodes present the used refresh token
     * again, and the identity bundle answers them with the same successor within its reuse window
     * ({@code refreshReuseSeconds}); this cache only spares the database those renewals.
     */
    static final Duration RENEWAL_SHARING = Duration.ofSeconds(10);

    /** A renewal under way or just done, shared by the requests that need it. */
    private record Renewal(CompletableFuture<Optional<TokenGrants.Grant>> grant, Instant started) {
    }

    private final TokenGrants grants;
    private final Clock clock;
    private final Map<String, Renewal> renewals = new ConcurrentHashMap<>();

    BrowserSessions(TokenGrants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
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
            Optional<TokenGrants.Grant> renewed = renew(refresh);
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

    /** The refresh token's renewal: done once, shared for {@link #RENEWAL_SHARING} with concurrent requests. */
    private Optional<TokenGrants.Grant> renew(String refresh) {
        Instant now = clock.instant();
        renewals.values().removeIf(r -> r.started().plus(RENEWAL_SHARING).isBefore(now));
        Renewal mine = new Renewal(new CompletableFuture<>(), now);
        Renewal earlier = renewals.putIfAbsent(refresh, mine);
        if (earlier != null) {
            return earlier.grant().join();
        }
        try {
            Optional<TokenGrants.Grant> renewed = grants.refresh(refresh);
            mine.grant().complete(renewed);
            return renewed;
        } catch (RuntimeException e) {
            renewals.remove(refresh);
            mine.grant().completeExceptionally(e);
            throw e;
        }
    }

    /** Starts the browser's session after a sign-in; the CSRF token is replaced with it. */
    void start(HttpServletRequest request, HttpServletResponse response, TokenGrants.Grant grant) {
        write(request, response, grant);
        request.setAttribute(ATTRIBUTE, grant.caller());
        CsrfTokens.rotate(request, response);
    }

    /** Signs the browser out: the refresh token's sign-in is revoked and the cookie forgotten. */
    void end(HttpServletRequest request, HttpServletResponse response) {
        Cookies.read(request, COOKIE).filter(v -> SHAPE.matcher(v).matches()).ifPresent(v -> {
            String refresh = v.substring(v.indexOf(SEPARATOR) + 1);
            grants.signOut(refresh);
            // nor may a shared renewal hand out the ended sign-in's tokens again
            renewals.values().removeIf(r -> r.grant().isDone() && !r.grant().isCompletedExceptionally()
                    && r.grant().join().filter(g -> g.refreshToken().equals(refresh)).isPresent());
        });
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
