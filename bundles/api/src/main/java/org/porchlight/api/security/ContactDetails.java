package org.porchlight.api.security;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A person's name and address, for the few places that need them with the person's consent: a
 * resident who chose to reveal themselves with a response, a notification channel that mails
 * them. Callers must not log, cache or pass on what they get.
 *
 * @since 1.1
 */
@ProviderType
public interface ContactDetails {

    /** The account's contact details, empty if the account does not exist or is disabled. */
    Optional<Contact> contactOf(UUID account);

    /**
     * @param displayName the name the person gave
     * @param email       their sign-in e-mail address
     */
    record Contact(String displayName, String email) {

        public Contact {
            Objects.requireNonNull(email, "email");
        }
    }
}
