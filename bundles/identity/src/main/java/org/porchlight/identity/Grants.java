package org.porchlight.identity;

import java.time.Instant;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.TokenGrants;

/**
 * The grants of the token endpoint, for it and for other front doors (the portal's session
 * cookie) through {@link TokenGrants}: a throttled password sign-in or a refresh, each answered
 * with an access token and a rotating refresh token.
 */
@Component(service = {Grants.class, TokenGrants.class})
public class Grants implements TokenGrants {

    private final Directory directory;
    private final Tokens tokens;
    private final Sessions sessions;
    private final PasswordSignIns signIns;

    @Activate
    public Grants(@Reference Directory directory, @Reference Tokens tokens, @Reference Sessions sessions,
            @Reference PasswordSignIns signIns) {
        this.directory = directory;
        this.tokens = tokens;
        this.sessions = sessions;
        this.signIns = signIns;
    }

    @Override
    public Grant signIn(String email, String password, String clientAddress) throws AuthenticationException {
        Directory.Verified verified = signIns.signInAccount(email, password, clientAddress);
        Account account = verified.account();
        // Refused if the password changed while the typed one was checked: that sign-in is over already.
        Sessions.Started started = sessions.start(account.id(), verified.passwordHash()).orElseThrow(
                () -> new AuthenticationException("the password changed during the sign-in"));
        return grant(account.caller(), started.token(), started.at());
    }

    @Override
    public Optional<Caller> caller(String accessToken) {
        try {
            return tokens.authenticate(accessToken);
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Grant> refresh(String refreshToken) {
        return sessions.rotate(refreshToken)
                .flatMap(rotated -> directory.activeAccount(rotated.account()).map(a -> grant(a.caller(), rotated.token(), rotated.at())));
    }

    @Override
    public void signOut(String refreshToken) {
        sessions.end(refreshToken);
    }

    /**
     * The grant, its access token issued at {@code at}, the instant taken while the account's row was
     * locked: a password change that locks it next stamps a later {@code tokens_valid_after}.
     */
    private Grant grant(Caller caller, String refreshToken, Instant at) {
        return new Grant(caller, tokens.issue(caller, at), at.plus(tokens.lifetime()), refreshToken);
    }
}
