package org.porchlight.api.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Facts about accounts that are not personal data, for bundles whose rules depend on them (e.g.
 * a grace period counted from sign-up).
 *
 * @since 1.1
 */
@ProviderType
public interface Accounts {

    /** The account, empty if it does not exist. */
    Optional<Account> find(UUID account);

    /**
     * Whether the account's owner has proved that they read its e-mail address (they followed the
     * signed link mailed to it). False for an account that does not exist. Once true, an
     * {@link IdentityEvents#EMAIL_VERIFIED} event has been posted for it. The default answers false
     * (nothing is known verified), which is what a provider without e-mail verification means.
     *
     * @since 1.4
     */
    default boolean emailVerified(UUID account) {
        return false;
    }

    /**
     * The portal language the account's owner chose (an ISO 639 language such as {@code es}), empty if
     * they chose none (the browser's then) or the account does not exist. The portal shows its pages
     * in it unless the browser picked a language with the switch. The default answers empty.
     *
     * @since 1.6
     */
    default Optional<Locale> language(UUID account) {
        return Optional.empty();
    }

    /**
     * @param id        the account's id
     * @param role      one of {@link Roles}
     * @param agency    the agency's code for staff, {@code null} otherwise
     * @param createdAt when the account was created (for residents: when they signed up)
     */
    record Account(UUID id, String role, String agency, Instant createdAt) {

        public Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
