package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * Refresh-token rotation: single use, a second use revokes the sign-in, except within the reuse
 * window while the successor is unused, when both uses get the same successor. Two instances
 * ("nodes") share one database, as in a cluster.
 */
class SessionsTest {

    private static final String HASH = "the stored password hash";

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Sessions nodeA = sessions(10);
    private final Sessions nodeB = sessions(10);
    private final UUID resident = UUID.randomUUID();

    private Sessions sessions(int reuseSeconds) {
        return new Sessions(database, TestConfiguration.of(IdentityConfiguration.class,
                Map.of("refreshReuseSeconds", reuseSeconds)), clock);
    }

    @BeforeEach
    void resident() {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.account (id, role, email, display_name, "
                    + "password_hash, status, created_at) VALUES (?, 'RESIDENT', 'ann@example.org', 'Ann', ?, 'ACTIVE', ?)")) {
                insert.setObject(1, resident);
                insert.setString(2, HASH);
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                return insert.executeUpdate();
            }
        });
    }

    private String signIn() {
        return nodeA.start(resident, HASH).orElseThrow().token();
    }

    @Test
    void aTokenRotatesOnceIntoASuccessorThatRotatesInTurn() {
        String first = signIn();
        Sessions.Rotated second = nodeA.rotate(first).orElseThrow();
        assertThat(second.account()).isEqualTo(resident);
        assertThat(second.token()).startsWith("plr_").isNotEqualTo(first);
        assertThat(nodeB.rotate(second.token())).isPresent();
    }

    @Test
    void presentedAgainWithinTheWindowOnAnotherNodeATokenGetsTheSameSuccessor() {
        String first = signIn();
        String second = nodeA.rotate(first).orElseThrow().token();
        clock.advance(Duration.ofSeconds(9));
        assertThat(nodeB.rotate(first)).map(Sessions.Rotated::token).contains(second);
        assertThat(nodeA.rotate(first)).as("as often as the page asks").map(Sessions.Rotated::token).contains(second);
        assertThat(nodeB.rotate(second)).as("the successor rotates as usual").isPresent();
    }

    @Test
    void aSecondUseAfterTheWindowRevokesTheWholeSignIn() {
        String first = signIn();
        String second = nodeA.rotate(first).orElseThrow().token();
        clock.advance(Duration.ofSeconds(11));
        assertThat(nodeB.rotate(first)).isEmpty();
        assertThat(nodeA.rotate(second)).as("revoked with it").isEmpty();
    }

    @Test
    void aSecondUseAfterTheSuccessorWasUsedRevokesTheWholeSignInEvenWithinTheWindow() {
        String first = signIn();
        String second = nodeA.rotate(first).orElseThrow().token();
        String third = nodeA.rotate(second).orElseThrow().token();
        assertThat(nodeB.rotate(first)).as("the browser moved on: this is a copy").isEmpty();
        assertThat(nodeA.rotate(third)).isEmpty();
    }

    @Test
    void aSignOutEndsTheWindowToo() {
        String first = signIn();
        String second = nodeA.rotate(first).orElseThrow().token();
        nodeA.end(second);
        assertThat(nodeB.rotate(first)).isEmpty();
    }

    @Test
    void withAWindowOfZeroEverySecondUseRevokes() {
        Sessions strict = sessions(0);
        String first = strict.start(resident, HASH).orElseThrow().token();
        String second = strict.rotate(first).orElseThrow().token();
        clock.advance(Duration.ofMillis(1));
        assertThat(strict.rotate(first)).isEmpty();
        assertThat(strict.rotate(second)).isEmpty();
    }

    @Test
    void theStoredSuccessorOpensOnlyWithTheTokenItSucceeds() {
        byte[] sealed = SuccessorSeal.seal("plr_one", "plr_two");
        assertThat(SuccessorSeal.open("plr_one", sealed)).contains("plr_two");
        assertThat(SuccessorSeal.open("plr_other", sealed)).isEmpty();
        sealed[sealed.length - 1] ^= 1;
        assertThat(SuccessorSeal.open("plr_one", sealed)).isEmpty();
        assertThat(SuccessorSeal.open("plr_one", new byte[3])).isEmpty();
        assertThat(SuccessorSeal.open("plr_one", null)).isEmpty();
    }
}
