package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.identity.store.VerificationRows;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** The links that verify residents' addresses: unguessable, altered ones refused, expiring, and working once. */
class EmailVerificationsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final List<UUID> announced = new ArrayList<>();
    private final EmailVerifications verifications = new EmailVerifications(new VerificationRows(database),
            account -> {
                synchronized (announced) {
                    announced.add(account);
                }
            }, TestConfiguration.of(IdentityConfiguration.class, Map.of("verificationHours", 48)), clock);

    private UUID resident() {
        UUID id = UUID.randomUUID();
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.account (id, role, email, display_name, "
                    + "status, created_at) VALUES (?, 'RESIDENT', ?, 'R', 'ACTIVE', ?)")) {
                insert.setObject(1, id);
                insert.setString(2, id + "@residents.example");
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                return insert.executeUpdate();
            }
        });
        return id;
    }

    private void refused(String token) {
        assertThatThrownBy(() -> verifications.verify(token)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().type().toString()).endsWith("invalid-verification-link"));
    }

    @Test
    void aLinkVerifiesItsAccountOnceAndAnnouncesItOnce() {
        UUID resident = resident();
        String token = verifications.issue(resident);
        assertThat(token).matches("plv_[A-Za-z0-9_-]{43}");
        assertThat(verifications.verified(resident)).isFalse();
        assertThat(verifications.verify(token)).isEqualTo(resident);
        assertThat(verifications.verified(resident)).isTrue();
        assertThat(announced).containsExactly(resident);
        refused(token);
        assertThat(announced).as("a reused link announces nothing").containsExactly(resident);
    }

    @Test
    void onlyTheTokensHashIsStored() {
        String token = verifications.issue(resident());
        long plain = database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM identity.email_verification WHERE "
                    + "token_hash = ? OR token_hash = ?")) {
                select.setString(1, token);
                select.setString(2, Hashes.sha256(token));
                try (var rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertThat(plain).as("the hash, once, and never the token").isEqualTo(1);
        assertThat(Hashes.sha256(token)).isNotEqualTo(token);
    }

    @Test
    void anAlteredOrMadeUpTokenIsRefused() {
        UUID resident = resident();
        String token = verifications.issue(resident);
        char last = token.charAt(token.length() - 1);
        refused(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'));
        refused(token.substring(0, 10) + "x" + token.substring(11));
        refused(token + "A");
        refused(token.substring(0, token.length() - 1));
        refused(token.replace("plv_", "pla_"));
        refused(token.toUpperCase());
        refused(Hashes.sha256(token));
        refused("plv_" + "A".repeat(43));
        refused("");
        refused(null);
        assertThat(verifications.verified(resident)).isFalse();
        assertThat(announced).isEmpty();
        assertThat(verifications.verify(" " + token + " ")).as("the real one still works").isEqualTo(resident);
    }

    @Test
    void aLinkExpiresAfterItsHours() {
        UUID resident = resident();
        String token = verifications.issue(resident);
        String later = verifications.issue(resident);
        clock.advance(Duration.ofHours(48));
        refused(token);
        clock.advance(Duration.ofHours(-1));
        assertThat(verifications.verify(later)).isEqualTo(resident);
    }

    @Test
    void usingOneLinkUsesUpEveryLinkOfTheAccountButNoOtherAccounts() {
        UUID resident = resident();
        UUID neighbour = resident();
        String first = verifications.issue(resident);
        String second = verifications.issue(resident);
        String theirs = verifications.issue(neighbour);
        verifications.verify(second);
        refused(first);
        assertThat(verifications.verified(neighbour)).isFalse();
        assertThat(verifications.verify(theirs)).isEqualTo(neighbour);
        assertThat(announced).containsExactly(resident, neighbour);
    }

    @Test
    void oneLinkUsedConcurrentlyVerifiesOnce() throws Exception {
        UUID resident = resident();
        String token = verifications.issue(resident);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tries.add(pool.submit(() -> {
                try {
                    verifications.verify(token);
                    return true;
                } catch (ProblemException e) {
                    return false;
                }
            }));
        }
        int passed = 0;
        for (Future<Boolean> attempt : tries) {
            passed += attempt.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(passed).isEqualTo(1);
        assertThat(announced).containsExactly(resident);
    }

    @Test
    void anAccountThatIsGoneIsNotVerified() {
        assertThat(verifications.verified(UUID.randomUUID())).isFalse();
    }
}
