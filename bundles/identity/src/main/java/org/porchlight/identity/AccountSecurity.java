package org.porchlight.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.AccountSecurityRows;
import org.porchlight.identity.store.AccountSecurityRows.State;

/**
 * Changes to what staff may do, effective on their next request on every node: access tokens are
 * checked against the account's row on each request (see {@link Tokens}), so disabling an account
 * or changing its role needs no token list; disabling also revokes the refresh tokens. An agency's
 * admin also enables disabled staff again and gives an invitation a new activation token.
 */
@Component(service = {AccountSecurity.class, AccountStates.class}, configurationPid = IdentityConfiguration.PID)
public class AccountSecurity implements AccountStates {

    public static final ProblemType NOT_DISABLED = ProblemType.named("not-disabled", "The account is not disabled", 409);
    public static final ProblemType NOT_PENDING = ProblemType.named("not-pending",
            "The account has no open invitation", 409);

    private final AccountSecurityRows rows;
    private final Duration activationLifetime;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public AccountSecurity(@Reference Database database, IdentityConfiguration config) {
        this.rows = new AccountSecurityRows(database);
        this.activationLifetime = Duration.ofHours(Math.max(1, config.activationHours()));
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

    /**
     * Enables a disabled staff account of the agency: it signs in with its password again (its old
     * sign-ins stay ended); one disabled before it was activated is pending again and needs a new
     * invitation. False if the agency has no such account; 409 {@link #NOT_DISABLED} if it is not disabled.
     */
    public boolean enableStaff(String agencyCode, UUID account) {
        Optional<Boolean> enabled = rows.enableStaff(agencyCode, account);
        if (enabled.isPresent() && !enabled.get()) {
            throw new ProblemException(NOT_DISABLED, "This account is not disabled.");
        }
        return enabled.isPresent();
    }

    /**
     * A new activation token for a pending staff account of the agency, valid for {@code activationHours}
     * from now; the earlier token stops working. Empty if the agency has no such account; 409
     * {@link #NOT_PENDING} if the account is active or disabled.
     */
    public Optional<Directory.Invitation> reissueInvitation(String agencyCode, UUID account, Directory directory) {
        String token = "pla_" + Hashes.randomToken(32);
        Instant expires = clock.instant().plus(activationLifetime);
        Optional<Boolean> reissued = rows.reissueInvitation(agencyCode, account, Hashes.sha256(token), expires);
        if (reissued.isPresent() && !reissued.get()) {
            throw new ProblemException(NOT_PENDING, "This account has no open invitation: it is active or disabled.");
        }
        return reissued.map(done -> new Directory.Invitation(directory.account(account).orElseThrow(), token, expires));
    }
}
