package org.porchlight.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.testing.TestClock;

class VerifiedPasswordsTest {

    private static final Caller ADMIN = new Caller(UUID.randomUUID(), Roles.PLATFORM_ADMIN, null, Caller.Credential.PASSWORD, null);

    @Test
    void remembersAVerifiedCredentialForItsLifetimeOnly() {
        TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
        VerifiedPasswords verified = new VerifiedPasswords(Duration.ofSeconds(60), clock);
        verified.remember("YWRtaW46cGFzcw==", ADMIN);
        assertThat(verified.find("YWRtaW46cGFzcw==")).isEqualTo(ADMIN);
        assertThat(verified.find("YWRtaW46cGFzcx==")).as("another credential").isNull();
        clock.advance(Duration.ofSeconds(60));
        assertThat(verified.find("YWRtaW46cGFzcw==")).isNull();
    }

    @Test
    void forgetsOnLogoutAndWhenTheLifetimeChanges() {
        VerifiedPasswords verified = new VerifiedPasswords(Duration.ofSeconds(60), new TestClock(Instant.parse("2026-12-01T10:00:00Z")));
        verified.remember("a", ADMIN);
        verified.forget("a");
        assertThat(verified.find("a")).isNull();
        verified.remember("b", ADMIN);
        verified.lifetime(Duration.ofSeconds(30));
        assertThat(verified.find("b")).isNull();
    }

    @Test
    void aLifetimeOfZeroRemembersNothing() {
        VerifiedPasswords verified = new VerifiedPasswords(Duration.ZERO, new TestClock(Instant.parse("2026-12-01T10:00:00Z")));
        verified.remember("a", ADMIN);
        assertThat(verified.find("a")).isNull();
    }
}
