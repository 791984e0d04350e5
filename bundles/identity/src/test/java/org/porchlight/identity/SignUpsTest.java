package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.identity.store.ThrottleRows;
import org.porchlight.identity.store.VerificationRows;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** The sign-up workflow the API and the portal share: every attempt counts, and a new link only when it can help. */
class SignUpsTest {

    private static final String PASSWORD = "a long resident passphrase";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final IdentityConfiguration config = TestConfiguration.of(IdentityConfiguration.class, Map.of("signUpsPerAddress", 3,
            "signUpWindowMinutes", 60, "verificationResends", 2, "argon2MemoryKiB", 1024, "argon2Iterations", 1));
    private final Directory directory = new Directory(database, new NoJson(), config);
    private final EmailVerifications verifications = new EmailVerifications(new VerificationRows(database), account -> { },
            config, clock);
    private final SignUps signUps = new SignUps(directory, new SignUpThrottle(new ThrottleRows(database), config, clock),
            verifications);

    @Test
    void everyAttemptCountsAgainstTheNetworkRefusedPasswordsAndTakenAddressesIncluded() {
        signUps.signUp("203.0.113.7", "ana@residents.example", PASSWORD, "Ana", null);
        assertThatThrownBy(() -> signUps.signUp("203.0.113.7", "bo@residents.example", "password1234", "Bo", null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors()).anySatisfy(
                        f -> assertThat(f.field()).isEqualTo("password")));
        signUps.signUp("203.0.113.7", "ANA@residents.example", "another long passphrase", "Someone", "CODE");
        assertThatThrownBy(() -> signUps.signUp("203.0.113.7", "cy@residents.example", PASSWORD, "Cy", null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(429);
                    assertThat(e.headers()).containsKey("Retry-After");
                });
        assertThat(directory.signIn("ana@residents.example", PASSWORD)).as("the taken address is unchanged").isPresent();
        assertThat(signUps.takesReferralCodes()).as("no incentives bundle here").isFalse();
    }

    @Test
    void aNewLinkNeedsAnUnverifiedAccountAndMail() {
        signUps.signUp("203.0.113.8", "dee@residents.example", PASSWORD, "Dee", null);
        UUID dee = directory.signIn("dee@residents.example", PASSWORD).orElseThrow().id();
        assertThatThrownBy(() -> signUps.resend(dee)).as("no mailer").isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(503));
        verifications.verify(verifications.issue(dee));
        assertThatThrownBy(() -> signUps.resend(dee)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().type()).isEqualTo(EmailVerifications.ALREADY_VERIFIED.uri()));
        assertThatThrownBy(() -> signUps.resend(UUID.randomUUID())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(404));
    }

    /** Sign-ups write no JSON. */
    private static final class NoJson implements JsonCodec {
        @Override
        public String write(Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T read(String json, Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }
}
