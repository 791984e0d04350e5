package org.porchlight.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

/**
 * Who may read the metrics: whoever presents the configured scrape token (a Prometheus server),
 * and platform admins with their own access token. Nobody else, and nobody at all by default:
 * without a token configured, only platform admins.
 */
final class ScrapeAccess {

    /** What a request gets. */
    enum Decision {
        ALLOWED, UNAUTHENTICATED, FORBIDDEN
    }

    /** The shortest scrape token taken: 32 characters, e.g. {@code openssl rand -hex 16}. */
    static final int MIN_TOKEN_LENGTH = 32;

    private final byte[] tokenDigest;

    /** @param token the scrape token, or {@code null} for none (then platform admins only) */
    ScrapeAccess(String token) {
        this.tokenDigest = token == null ? null : digest(token);
    }

    Decision decide(String authorization, List<Authenticator> authenticators) {
        if (authorization == null) {
            return Decision.UNAUTHENTICATED;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Decision.UNAUTHENTICATED;
        }
        String credential = authorization.substring(space + 1).trim();
        // Digests of equal length compared in constant time: the answer's timing says nothing of the token.
        if (tokenDigest != null && MessageDigest.isEqual(tokenDigest, digest(credential))) {
            return Decision.ALLOWED;
        }
        Optional<Caller> caller = authenticate(credential, authenticators);
        if (caller.isEmpty()) {
            return Decision.UNAUTHENTICATED;
        }
        Caller who = caller.get();
        return who.hasRole(Roles.PLATFORM_ADMIN) && who.credential() != Caller.Credential.API_KEY
                ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    /** As the REST core does: the first authenticator that recognises the credential decides. */
    private static Optional<Caller> authenticate(String credential, List<Authenticator> authenticators) {
        for (Authenticator authenticator : authenticators) {
            try {
                Optional<Caller> caller = authenticator.authenticate(credential);
                if (caller.isPresent()) {
                    return caller;
                }
            } catch (AuthenticationException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
