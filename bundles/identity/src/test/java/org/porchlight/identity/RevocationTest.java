package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * Disabling staff or changing their role takes effect on their next request, on every node: two
 * token services ("nodes") share one database and one key file, each with its own verified-token
 * memory, and both refuse the old token at once.
 */
class RevocationTest {

    @TempDir
    Path folder;

    private static final IdentityConfiguration CONFIG = TestConfiguration.of(IdentityConfiguration.class, Map.of());

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final AccountSecurity security = new AccountSecurity(database, CONFIG);
    private static final String HASH = "the stored password hash";

    private final UUID officer = UUID.randomUUID();
    private Tokens nodeA;
    private Tokens nodeB;

    @BeforeEach
    void setUp() {
        Path keys = folder.resolve("token-signing.jwks");
        nodeA = new Tokens(new SigningKeys(keys, Clock.systemUTC()), Duration.ofMinutes(10), security);
        nodeB = new Tokens(new SigningKeys(keys, Clock.systemUTC()), Duration.ofMinutes(10),
                new AccountSecurity(database, CONFIG));
        database.inTransaction(c -> {
            UUID agency = UUID.randomUUID();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.agency (id, code, name, jurisdiction, "
                    + "time_zone, contact_email, policy, created_at) "
                    + "VALUES (?, 'KCPD', 'KC', '{}', 'UTC', 'a@b.example', '{}', ?)")) {
                insert.setObject(1, agency);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.account (id, role, agency_id, email, "
                    + "display_name, password_hash, status, created_at) "
                    + "VALUES (?, 'SUPERVISOR', ?, 'sgt@kcpd.example', 'Sgt', '" + HASH + "', 'ACTIVE', ?)")) {
                insert.setObject(1, officer);
                insert.setObject(2, agency);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                return insert.executeUpdate();
            }
        });
    }

    private String token() {
        return nodeA.issue(new Caller(officer, "SUPERVISOR", "KCPD", Caller.Credential.TOKEN, null));
    }

    @Test
    void aDisabledStaffMembersTokenIsRefusedOnTheNextRequestOnEveryNode() throws Exception {
        String token = token();
        assertThat(nodeA.authenticate(token)).isPresent();
        assertThat(nodeB.authenticate(token)).as("node B has verified and remembers it").isPresent();

        assertThat(security.disableStaff("kcpd", officer)).isTrue();

        assertThatThrownBy(() -> nodeA.authenticate(token)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> nodeB.authenticate(token)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aRoleChangeRefusesTokensNamingTheOldRoleAndAcceptsTheNewOnes() throws Exception {
        String old = token();
        assertThat(nodeB.authenticate(old)).isPresent();

        assertThat(security.changeStaffRole("KCPD", officer, "OFFICER")).isTrue();

        assertThatThrownBy(() -> nodeB.authenticate(old)).isInstanceOf(AuthenticationException.class);
        String fresh = nodeA.issue(new Caller(officer, "OFFICER", "KCPD", Caller.Credential.TOKEN, null));
        assertThat(nodeB.authenticate(fresh)).hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo("OFFICER"));
    }

    @Test
    void anotherAgencysAdminCannotDisableOrDemoteTheAccount() throws Exception {
        String token = token();
        assertThat(security.disableStaff("MOPD", officer)).isFalse();
        assertThat(security.changeStaffRole("MOPD", officer, "OFFICER")).isFalse();
        assertThat(nodeA.authenticate(token)).isPresent();
    }

    @Test
    void disablingRevokesTheRefreshTokens() {
        Sessions sessions = new Sessions(database, TestConfiguration.defaults(IdentityConfiguration.class));
        String refresh = sessions.start(officer, HASH).orElseThrow().token();
        String other = sessions.start(officer, HASH).orElseThrow().token();

        security.disableStaff("KCPD", officer);

        assertThat(sessions.rotate(refresh)).isEmpty();
        assertThat(sessions.rotate(other)).isEmpty();
    }

    @Test
    void aTokenForAnAccountThatDoesNotExistIsRefused() {
        String stranger = nodeA.issue(new Caller(UUID.randomUUID(), "RESIDENT", null, Caller.Credential.TOKEN, null));
        assertThatThrownBy(() -> nodeA.authenticate(stranger)).isInstanceOf(AuthenticationException.class);
    }
}
