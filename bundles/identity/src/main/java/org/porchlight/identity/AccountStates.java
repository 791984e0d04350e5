package org.porchlight.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.security.Caller;
import org.porchlight.identity.store.AccountSecurityRows.State;

/** Where an account stands now, asked for every request a Porchlight token authenticates. */
@FunctionalInterface
public interface AccountStates {

    Optional<State> current(UUID account);

    /** Whether a token made out to {@code caller} still describes the account: active, with the same role and agency. */
    default boolean describes(Caller caller) {
        return describes(caller, null);
    }

    /**
     * As {@link #describes(Caller)}, for a token issued at {@code issuedAt}: it must also not be older
     * than the account's last password change or reset.
     */
    default boolean describes(Caller caller, Instant issuedAt) {
        return current(caller.account()).filter(state -> Account.ACTIVE.equals(state.status())
                && state.role().equals(caller.role()) && Objects.equals(state.agency(), caller.agency())
                && (issuedAt == null || state.tokensValidAfter() == null || !issuedAt.isBefore(state.tokensValidAfter())))
                .isPresent();
    }
}
