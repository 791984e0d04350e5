package org.porchlight.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

class VerifiedPasswordsTest {

    private static final Caller ADMIN = new Caller(UUID.randomUUID(), Roles.PLATFORM_ADMIN, null, Caller.Credential.PASSWORD, null);

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void remembersAVerifiedCredentialForItsLifetimeOnly() {
        TestClock clock = new TestClock();
        VerifiedPasswords verified = new VerifiedPasswords(Duration.ofSeconds(60), clock);
        verified.remember("YWRtaW46cGFzcw==", ADMIN);
        assertThat(verified.find("YWRtaW46cGFzcw==")).isEqualTo(ADMIN);
        assertThat(verified.find("YWRtaW46cGFzcx==")).as("another credential").isNull();
        clock.now = clock.now.plusSeconds(60);
        assertThat(verified.find("YWRtaW46cGFzcw==")).isNull();
    }

    @Test
    void forgetsOnLogoutAndWhenTheLifetimeChanges() {
        VerifiedPasswords verified = new VerifiedPasswords(Duration.ofSeconds(60), new TestClock());
        verified.remember("a", ADMIN);
        verified.forget("a");
        assertThat(verified.find("a")).isNull();
        verified.remember("b", ADMIN);
        verified.lifetime(Duration.ofSeconds(30));
        assertThat(verified.find("b")).isNull();
    }

    @Test
    void aLifetimeOfZeroRemembersNothing() {
        VerifiedPasswords verified = new VerifiedPasswords(Duration.ZERO, new TestClock());
        verified.remember("a", ADMIN);
        assertThat(verified.find("a")).isNull();
    }
}
