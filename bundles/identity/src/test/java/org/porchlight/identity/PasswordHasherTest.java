package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    // Small parameters keep the test quick; the format and the checks are the same.
    private final PasswordHasher hasher = new PasswordHasher(1024, 1);

    @Test
    void aHashMatchesItsPasswordOnlyAndIsSaltedEachTime() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
    }

    @Test
    void unreadableOrMissingHashesNeverMatch() {
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches("x", "plain text")).isFalse();
        assertThat(hasher.matches("x", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA")).isFalse();
    }

    @Test
    void hashesWithWeakerParametersAreOutdatedButStillMatch() {
        String old = new PasswordHasher(512, 1).hash("an older passphrase");
        assertThat(hasher.outdated(old)).isTrue();
        assertThat(hasher.matches("an older passphrase", old)).isTrue();
        assertThat(hasher.outdated(hasher.hash("a current passphrase"))).isFalse();
    }
}
