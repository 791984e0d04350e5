package org.porchlight.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PasswordSignIn;
import org.porchlight.api.security.SignInBlockedException;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.CredentialRows;

/**
 * Sign-in with e-mail address and password, throttled: the one place that checks a typed
 * password, for the token endpoint and for other front doors through {@link PasswordSignIn}.
 */
@Component(service = {PasswordSignIns.class, PasswordSignIn.class})
public class PasswordSignIns implements PasswordSignIn {

    private final Directory directory;
    private final LoginThrottle throttle;
    private final AccountStates accounts;
    private final CredentialRows credentials;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PasswordSignIns(@Reference Directory directory, @Reference LoginThrottle throttle, @Reference AccountStates accounts,
            @Reference Database database) {
        this.directory = directory;
        this.throttle = throttle;
        this.accounts = accounts;
        this.credentials = new CredentialRows(database);
    }

    /** The active account with these credentials; a failure counts against the address and the account. */
    Account account(String email, String password, String clientAddress) throws AuthenticationException {
        return verified(email, password, clientAddress).account();
    }

    private Directory.Verified verified(String email, String password, String clientAddress) throws AuthenticationException {
        Optional<Duration> wait = throttle.blocked(email, clientAddress);
        if (wait.isPresent()) {
            throw new SignInBlockedException(wait.get());
        }
        Optional<Directory.Verified> account = directory.verifyPassword(email, password);
        if (account.isEmpty()) {
            throttle.failed(email, clientAddress);
            throw new AuthenticationException("wrong e-mail address or password, or the account is not active");
        }
        throttle.succeeded(email, clientAddress);
        return account.get();
    }

    /**
     * A sign-in: the account as {@link #account} checks it, with the password hash it matched (for
     * {@link Sessions#start}), its time recorded as the account's last sign-in.
     */
    Directory.Verified signInAccount(String email, String password, String clientAddress) throws AuthenticationException {
        Directory.Verified verified = verified(email, password, clientAddress);
        credentials.signedIn(verified.account().id(), clock.instant());
        return verified;
    }

    @Override
    public Caller signIn(String email, String password, String clientAddress) throws AuthenticationException {
        return signInAccount(email, password, clientAddress).account().caller(Caller.Credential.PASSWORD);
    }

    @Override
    public boolean isCurrent(Caller caller) {
        return accounts.describes(caller);
    }
}
