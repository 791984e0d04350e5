package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.porchlight.identity.store.ThrottleRows;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

class SignUpThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final SignUpThrottle throttle = new SignUpThrottle(new ThrottleRows(database),
            TestConfiguration.of(IdentityConfiguration.class, Map.of("signUpsPerAddress", 5, "signUpWindowMinutes", 60, "verificationResends", 3)), clock);

    private int passed(String address, int attempts) {
        int passed = 0;
        for (int i = 0; i < attempts; i++) {
            passed += throttle.signUp(address).isEmpty() ? 1 : 0;
        }
        return passed;
    }

    @Test
    void fiveSignUpsFromOneAddressPassThenItWaitsTheWindow() {
        assertThat(passed("203.0.113.20", 14)).isEqualTo(5);
        Optional<Duration> wait = throttle.signUp("203.0.113.20");
        assertThat(wait).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(60)));
        assertThat(passed("203.0.113.21", 1)).as("another address is not held up").isEqualTo(1);
        clock.advance(Duration.ofMinutes(59));
        assertThat(passed("203.0.113.20", 1)).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(passed("203.0.113.20", 7)).as("a window after the refusal, a fresh allowance").isEqualTo(5);
    }

    @Test
    void anIpv6SubscriberCountsAsItsSlash64WhateverItsSpelling() {
        int passed = 0;
        for (int i = 1; i <= 12; i++) {
            passed += throttle.signUp("2001:db8:17:1:0:0:0:" + Integer.toHexString(i)).isEmpty() ? 1 : 0;
        }
        passed += throttle.signUp("2001:0db8:0017:0001::ffff").isEmpty() ? 1 : 0;
        assertThat(passed).isEqualTo(5);
        assertThat(passed("2001:db8:17:2::1", 1)).as("the next /64 is someone else").isEqualTo(1);
    }

    @Test
    void concurrentSignUpsFromOneAddressGetExactlyTheAllowance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tries.add(pool.submit(() -> throttle.signUp("198.51.100.30").isEmpty()));
        }
        int passed = 0;
        for (Future<Boolean> attempt : tries) {
            passed += attempt.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(passed).isEqualTo(5);
    }

    @Test
    void slowSignUpsAreForgottenAWindowAfterTheLast() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.signUp("192.0.2.40")).isEmpty();
            clock.advance(Duration.ofMinutes(61));
        }
    }

    @Test
    void verificationMailsAreLimitedPerAccountNotPerAddress() {
        UUID resident = UUID.randomUUID();
        int sent = 0;
        for (int i = 0; i < 6; i++) {
            sent += throttle.resend(resident).isEmpty() ? 1 : 0;
        }
        assertThat(sent).isEqualTo(3);
        assertThat(throttle.resend(UUID.randomUUID())).isEmpty();
        assertThat(passed("192.0.2.41", 1)).isEqualTo(1);
    }

    @Test
    void aSignInFailureDoesNotWipeASignUpCountThatIsStillInItsWindow() {
        // Sign-in failures are remembered 15 minutes, sign-ups an hour.
        LoginThrottle logins = new LoginThrottle(new ThrottleRows(database),
                TestConfiguration.of(IdentityConfiguration.class, Map.of("failureMemoryMinutes", 15)), clock);
        assertThat(passed("192.0.2.50", 4)).isEqualTo(4);
        clock.advance(Duration.ofMinutes(20));
        logins.failed("kim@example.org", "192.0.2.51");
        assertThat(passed("192.0.2.50", 2)).as("the fifth passes, the sixth in the hour does not").isEqualTo(1);
    }

    @Test
    void aSignUpDoesNotWipeSignInFailuresThatAreStillRemembered() {
        // Sign-in failures are remembered 90 minutes, sign-ups an hour.
        IdentityConfiguration config = TestConfiguration.of(IdentityConfiguration.class, Map.of("failureMemoryMinutes", 90,
                "signUpsPerAddress", 5, "signUpWindowMinutes", 60));
        LoginThrottle logins = new LoginThrottle(new ThrottleRows(database), config, clock);
        SignUpThrottle signUps = new SignUpThrottle(new ThrottleRows(database), config, clock);
        for (int i = 0; i < 4; i++) {
            logins.failed("kim@example.org", "192.0.2.60");
        }
        clock.advance(Duration.ofMinutes(70));
        assertThat(signUps.signUp("192.0.2.61")).isEmpty();
        logins.failed("kim@example.org", "192.0.2.60");
        logins.failed("kim@example.org", "192.0.2.60");
        assertThat(logins.blocked("kim@example.org", "192.0.2.60")).as("six failures within 90 minutes").isPresent();
    }
}
