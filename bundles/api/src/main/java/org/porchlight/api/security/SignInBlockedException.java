package org.porchlight.api.security;

import java.time.Duration;
import java.util.Objects;

/**
 * A sign-in refused unchecked because too many attempts for the account or from the client's
 * address failed lately. Answer it with 429 and {@code Retry-After}.
 *
 * @since 1.2
 */
public class SignInBlockedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public SignInBlockedException(Duration retryAfter) {
        super("too many failed sign-ins");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long the client must wait before the next attempt is checked. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up and at least 1, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
