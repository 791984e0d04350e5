package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestDatabase;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTParser;

class KeyRotationsTest {

    @TempDir
    Path folder;

    private final TestDatabase database = lockWaiting();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

    /** H2 as the store runs it, but waiting long enough for a lock held while a key is generated on a busy machine. */
    private static TestDatabase lockWaiting() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:identity-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000");
        return new TestDatabase(h2, "identity").migrated();
    }

    private Tokens node(Path keys) {
        return new Tokens(new SigningKeys(keys, clock), Duration.ofMinutes(10), id -> java.util.Optional.empty());
    }

    @Test
    void aSecondRotationWithinTheIntervalIsRefusedWithRetryAfter() {
        KeyRotations rotations = new KeyRotations(database, node(folder.resolve("k.jwks")), Duration.ofMinutes(10), clock);
        rotations.rotate();
        clock.advance(Duration.ofMinutes(4));

        assertThatThrownBy(rotations::rotate).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "360");
        });
        clock.advance(Duration.ofMinutes(6));
        assertThat(rotations.rotate()).isNotBlank();
    }

    @Test
    void theIntervalHoldsAcrossNodesSharingTheDatabase() {
        new KeyRotations(database, node(folder.resolve("a.jwks")), Duration.ofMinutes(10), clock).rotate();
        KeyRotations otherNode = new KeyRotations(database, node(folder.resolve("b.jwks")), Duration.ofMinutes(10), clock);
        assertThatThrownBy(otherNode::rotate).isInstanceOf(ProblemException.class);
    }

    @Test
    void rotationsInTheSameSecondGetDifferentKeyIds() {
        Tokens tokens = node(folder.resolve("k.jwks"));
        KeyRotations rotations = new KeyRotations(database, tokens, Duration.ZERO, clock);
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            kids.add(rotations.rotate());
        }
        assertThat(kids).hasSize(3);
        assertThat(tokens.publicKeys().getKeys()).extracting(JWK::getKeyID).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void aTokenSignedWithTheKeyAnotherNodeJustAddedToTheSharedFileVerifiesAtOnce() throws Exception {
        Path keys = folder.resolve("shared.jwks");
        Tokens a = node(keys);
        Tokens b = node(keys);
        Caller resident = new Caller(UUID.randomUUID(), Roles.RESIDENT, null, Caller.Credential.TOKEN, null);
        assertThat(b.verify(JWTParser.parse(a.issue(resident))).caller()).isEqualTo(resident); // b has just read the file

        a.rotate();
        String signedWithTheNewKey = a.issue(resident);

        assertThat(b.verify(JWTParser.parse(signedWithTheNewKey)).caller()).isEqualTo(resident);
    }

    @Test
    void concurrentRotationsOnTwoNodesSharingAKeyFileNeverDuplicateAnIdNorLoseAKey() throws Exception {
        Path keys = folder.resolve("shared.jwks");
        List<KeyRotations> nodes = List.of(new KeyRotations(database, node(keys), Duration.ZERO, clock),
                new KeyRotations(database, node(keys), Duration.ZERO, clock));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                KeyRotations node = nodes.get(i % 2);
                work.add(node::rotate);
            }
            Set<String> kids = new HashSet<>();
            for (Future<String> done : pool.invokeAll(work)) {
                kids.add(done.get());
            }
            assertThat(kids).hasSize(6);
            assertThat(new SigningKeys(keys, clock).publicKeys().getKeys()).extracting(JWK::getKeyID)
                    .doesNotHaveDuplicates().containsAll(kids);
        } finally {
            pool.shutdownNow();
        }
    }
}
