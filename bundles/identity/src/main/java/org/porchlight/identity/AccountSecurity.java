package org.porchlight.identity;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.AccountSecurityRows;
import org.porchlight.identity.store.AccountSecurityRows.State;

/**
 * Changes to what staff may do, effective on their next request on every node: access tokens are
 * checked against the account's row on each request (see {@link Tokens}), so disabling an account
 * or changing its role needs no token list; disabling also revokes the refresh tokens.
 */
@Component(service = {AccountSecurity.class, AccountStates.class})
public class AccountSecurity implements AccountStates {

    private final AccountSecurityRows rows;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public AccountSecurity(@Reference Database database) {
        this.rows = new AccountSecurityRows(database);
    }

    @Override
    public Optional<State> current(UUID account) {
        return rows.current(account);
    }

    /** Disables a staff account of the agency; false if it has no such account. */
    public boolean disableStaff(String agencyCode, UUID account) {
        return rows.disableStaff(agencyCode, account, clock.instant());
    }

    /** Gives a staff account of the agency another staff role; false if it has no such account. */
    public boolean changeStaffRole(String agencyCode, UUID account, String role) {
        return rows.changeStaffRole(agencyCode, account, role);
    }
}
