package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.identity.store.ThrottleRows;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

class LoginThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new ThrottleRows(TestDatabase.inMemory("identity")),
            TestConfiguration.defaults(IdentityConfiguration.class), clock);

    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(email, address);
        }
    }

    @Test
    void aStrangersFailuresFromAnotherAddressDoNotBlockTheOwner() {
        fail("owner@example.org", "203.0.113.5", 12);
        assertThat(throttle.blocked("owner@example.org", "203.0.113.5")).as("the guesser waits").isPresent();
        assertThat(throttle.blocked("OWNER@example.org ", "198.51.100.1")).as("the owner does not").isEmpty();
    }

    @Test
    void thePlatformAdminCannotBeLockedOutEither() {
        fail("admin@example.org", "203.0.113.6", 30);
        assertThat(throttle.blocked("admin@example.org", "192.0.2.10")).isEmpty();
    }

    @Test
    void aFewFailuresAreFreeThenEachBlocksTheGuesserTwiceAsLong() {
        fail("fay@example.org", "203.0.113.7", 5);
        assertThat(throttle.blocked("fay@example.org", "203.0.113.7")).isEmpty();
        fail("fay@example.org", "203.0.113.7", 1);
        assertThat(throttle.blocked("fay@example.org", "203.0.113.7")).contains(Duration.ofSeconds(1));
        fail("fay@example.org", "203.0.113.7", 1);
        assertThat(throttle.blocked("fay@example.org", "203.0.113.7")).contains(Duration.ofSeconds(2));
    }

    @Test
    void oneAddressGuessingManyAccountsIsBlockedForEveryAccount() {
        for (int i = 0; i < 51; i++) {
            throttle.failed("guess" + i + "@example.org", "203.0.113.8");
        }
        assertThat(throttle.blocked("never-tried@example.org", "203.0.113.8")).isPresent();
        assertThat(throttle.blocked("never-tried@example.org", "203.0.113.9")).isEmpty();
    }

    @Test
    void guessingSpreadOverManyAddressesSlowsTheAccountButOnlyForSeconds() {
        for (int i = 0; i < 110; i++) {
            throttle.failed("target@example.org", "198.18." + i / 200 + "." + i % 200);
        }
        assertThat(throttle.blocked("target@example.org", "192.0.2.77")).hasValueSatisfying(
                wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(throttle.blocked("other@example.org", "192.0.2.77")).as("other accounts are not slowed").isEmpty();
    }

    @Test
    void theAddressesOfOneIpv6SubscriberCountAsOne() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("v6@example.org", "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(throttle.blocked("v6@example.org", "2001:db8:1:2:ffff:ffff:ffff:ffff")).isPresent();
        assertThat(throttle.blocked("v6@example.org", "2001:db8:1:3::1")).isEmpty();
    }

    @Test
    void aSuccessClearsThatAccountFromThatAddressButNotTheAddressCount() {
        LoginThrottle strict = new LoginThrottle(new ThrottleRows(TestDatabase.inMemory("identity")),
                TestConfiguration.of(IdentityConfiguration.class, Map.of("freeAddressFailures", 8)), clock);
        for (int i = 0; i < 6; i++) {
            strict.failed("mine@example.org", "203.0.113.10");
        }
        assertThat(strict.blocked("mine@example.org", "203.0.113.10")).isPresent();
        clock.advance(Duration.ofSeconds(2));
        strict.succeeded("mine@example.org", "203.0.113.10");
        assertThat(strict.blocked("mine@example.org", "203.0.113.10")).isEmpty();
        // Signing in to one's own account in between does not buy more guesses at others.
        for (int i = 0; i < 3; i++) {
            strict.failed("victim" + i + "@example.org", "203.0.113.10");
        }
        assertThat(strict.blocked("anyone@example.org", "203.0.113.10")).isPresent();
    }

    @Test
    void countsAreForgottenAnHourAfterTheLastFailure() {
        fail("old@example.org", "203.0.113.11", 5);
        clock.advance(Duration.ofMinutes(61));
        fail("old@example.org", "203.0.113.11", 1);
        assertThat(throttle.blocked("old@example.org", "203.0.113.11")).isEmpty();
    }

    @Test
    void backOffDoublesUpToItsCap() {
        LoginThrottle.Rule rule = new LoginThrottle.Rule("pair", 5, Duration.ofSeconds(900));
        assertThat(LoginThrottle.backoff(rule, 5)).isEmpty();
        assertThat(LoginThrottle.backoff(rule, 6)).contains(Duration.ofSeconds(1));
        assertThat(LoginThrottle.backoff(rule, 9)).contains(Duration.ofSeconds(8));
        assertThat(LoginThrottle.backoff(rule, 40)).contains(Duration.ofSeconds(900));
        assertThat(LoginThrottle.backoff(rule, Integer.MAX_VALUE)).contains(Duration.ofSeconds(900));
    }
}
