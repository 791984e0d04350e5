package org.porchlight.identity;

import java.time.Clock;
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
    private final Clock clock = Clock.systemUTC();

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
        Account account = signIns.account(email, password, clientAddress);
        return grant(account.caller(), sessions.start(account.id()));
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
                .flatMap(rotated -> directory.activeAccount(rotated.account()).map(a -> grant(a.caller(), rotated.token())));
    }

    @Override
    public void signOut(String refreshToken) {
        sessions.end(refreshToken);
    }

    private Grant grant(Caller caller, String refreshToken) {
        return new Grant(caller, tokens.issue(caller), clock.instant().plus(tokens.lifetime()), refreshToken);
    }
}
