package org.porchlight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PasswordSignIn;
import org.porchlight.api.security.Roles;

class PasswordCallersTest {

    private static final String EMAIL = "second-admin@example.org";
    private static final String PASSWORD = "a long admin passphrase";
    private static final String CREDENTIAL = Base64.getEncoder()
            .encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** The identity bundle as the console sees it: accounts whose standing the test changes. */
    private static final class Accounts implements PasswordSignIn {
        final Map<String, Caller> byEmail = new HashMap<>();
        int passwordChecks;

        @Override
        public Caller signIn(String email, String password, String clientAddress) throws AuthenticationException {
            passwordChecks++;
            Caller caller = byEmail.get(email);
            if (caller == null || !PASSWORD.equals(password)) {
                throw new AuthenticationException("wrong e-mail address or password, or the account is not active");
            }
            return caller;
        }

        @Override
        public boolean isCurrent(Caller caller) {
            return byEmail.containsValue(caller);
        }
    }

    private final Accounts accounts = new Accounts();
    private final PasswordCallers callers = new PasswordCallers(accounts, new VerifiedPasswords(Duration.ofSeconds(60),
            Clock.systemUTC()));
    private final UUID id = UUID.randomUUID();

    @Test
    void anAdminsPasswordIsCheckedOnceWhileTheAccountStaysAsItWas() throws Exception {
        accounts.byEmail.put(EMAIL, caller(Roles.PLATFORM_ADMIN));
        for (int request = 0; request < 5; request++) {
            assertThat(callers.caller(CREDENTIAL, "192.0.2.1").account()).isEqualTo(id);
        }
        assertThat(accounts.passwordChecks).isEqualTo(1);
    }

    @Test
    void aDisabledAdminIsRefusedOnTheNextRequestThoughThePasswordIsRemembered() throws Exception {
        accounts.byEmail.put(EMAIL, caller(Roles.PLATFORM_ADMIN));
        callers.caller(CREDENTIAL, "192.0.2.1");
        accounts.byEmail.remove(EMAIL); // disabled: the identity bundle no longer signs it in
        assertThatThrownBy(() -> callers.caller(CREDENTIAL, "192.0.2.1")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anAdminGivenAnotherRoleComesBackWithThatRoleOnTheNextRequest() throws Exception {
        accounts.byEmail.put(EMAIL, caller(Roles.PLATFORM_ADMIN));
        callers.caller(CREDENTIAL, "192.0.2.1");
        accounts.byEmail.put(EMAIL, caller(Roles.RESIDENT));
        assertThat(callers.caller(CREDENTIAL, "192.0.2.1").role()).isEqualTo(Roles.RESIDENT);
        assertThat(callers.caller(CREDENTIAL, "192.0.2.1").role()).as("and is not remembered as an admin")
                .isEqualTo(Roles.RESIDENT);
        assertThat(accounts.passwordChecks).isEqualTo(3);
    }

    @Test
    void onlyPlatformAdminsPasswordsAreRemembered() throws Exception {
        accounts.byEmail.put(EMAIL, caller(Roles.RESIDENT));
        callers.caller(CREDENTIAL, "192.0.2.1");
        callers.caller(CREDENTIAL, "192.0.2.1");
        assertThat(accounts.passwordChecks).isEqualTo(2);
    }

    @Test
    void malformedCredentialsAreRefusedWithoutAPasswordCheck() {
        assertThatThrownBy(() -> callers.caller("!!!", "192.0.2.1")).isInstanceOf(AuthenticationException.class);
        assertThat(accounts.passwordChecks).isZero();
    }

    private Caller caller(String role) {
        return new Caller(id, role, null, Caller.Credential.PASSWORD, null);
    }
}
