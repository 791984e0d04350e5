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
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.identity.store.ThrottleRows;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** An agency admin's staff lifecycle: disable and enable again, a new invitation, the last sign-in; never another agency's. */
class StaffLifecycleTest {

    private static final String PASSWORD = "a long officer passphrase";

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final IdentityConfiguration config = TestConfiguration.of(IdentityConfiguration.class, Map.of("activationHours", 72,
            "argon2MemoryKiB", 1024, "argon2Iterations", 1));
    private final Directory directory = new Directory(database, null, config); // writes no JSON
    private final AccountSecurity security = new AccountSecurity(database, config);
    private final PasswordSignIns signIns = new PasswordSignIns(directory, new LoginThrottle(new ThrottleRows(database), config,
            new TestClock(Instant.now())), security, database);

    @BeforeEach
    void agencies() {
        database.inTransaction(c -> {
            for (String code : new String[] {"KCPD", "MOPD"}) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.agency (id, code, name, jurisdiction, "
                        + "time_zone, contact_email, policy, created_at) "
                        + "VALUES (?, ?, 'A', '{}', 'UTC', 'a@b.example', '{}', ?)")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, code);
                    insert.setTimestamp(3, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private UUID activeOfficer(String email) {
        Directory.Invitation invitation = directory.invite("OFFICER", "KCPD", email, "Officer");
        directory.activate(invitation.activationToken(), PASSWORD);
        return invitation.account().id();
    }

    private static void conflict(Runnable call, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(409);
            assertThat(e.problem().type().toString()).endsWith(type);
        });
    }

    @Test
    void anAccessTokenIssuedBeforeTheDisablingStaysRefusedAfterTheEnabling(@TempDir Path folder) throws Exception {
        UUID officer = activeOfficer("cal@kcpd.example");
        Tokens tokens = new Tokens(new SigningKeys(folder.resolve("keys.jwks"), Clock.systemUTC()), Duration.ofMinutes(10),
                security);
        String before = tokens.issue(directory.account(officer).orElseThrow().caller());
        assertThat(tokens.authenticate(before)).isPresent();
        assertThat(security.disableStaff("KCPD", officer)).isTrue();
        assertThat(security.enableStaff("KCPD", officer)).isTrue();

        assertThatThrownBy(() -> tokens.authenticate(before)).as("within its lifetime").isInstanceOf(AuthenticationException.class);
        String after = tokens.issue(directory.account(officer).orElseThrow().caller());
        assertThat(tokens.authenticate(after)).as("a sign-in after the enabling").isPresent();
    }

    @Test
    void aDisabledOfficerIsEnabledAgainAndSignsInWithTheOldPassword() throws Exception {
        UUID officer = activeOfficer("ann@kcpd.example");
        conflict(() -> security.enableStaff("KCPD", officer), "not-disabled");
        assertThat(security.disableStaff("KCPD", officer)).isTrue();
        assertThat(directory.signIn("ann@kcpd.example", PASSWORD)).isEmpty();

        assertThat(security.enableStaff("MOPD", officer)).as("another agency's admin").isFalse();
        assertThat(directory.account(officer).orElseThrow().status()).isEqualTo("DISABLED");
        assertThat(security.enableStaff("KCPD", officer)).isTrue();

        assertThat(directory.account(officer).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(signIns.signInAccount("ann@kcpd.example", PASSWORD, "203.0.113.1").account().id()).isEqualTo(officer);
        assertThat(directory.account(officer).orElseThrow().lastSignInAt()).as("the sign-in is recorded").isNotNull();
        assertThat(security.enableStaff("KCPD", UUID.randomUUID())).isFalse();
    }

    @Test
    void anInvitationDisabledBeforeUseIsPendingAgainAndNeedsANewOne() {
        Directory.Invitation invitation = directory.invite("PIO", "KCPD", "bo@kcpd.example", "Bo");
        UUID id = invitation.account().id();
        security.disableStaff("KCPD", id);
        security.enableStaff("KCPD", id);
        assertThat(directory.account(id).orElseThrow().status()).isEqualTo("PENDING");
        assertThatThrownBy(() -> directory.activate(invitation.activationToken(), PASSWORD))
                .as("disabling used the old token up").isInstanceOf(ProblemException.class);

        Directory.Invitation again = security.reissueInvitation("KCPD", id, directory).orElseThrow();
        assertThat(again.account().id()).isEqualTo(id);
        assertThat(directory.activate(again.activationToken(), PASSWORD).status()).isEqualTo("ACTIVE");
    }

    @Test
    void aNewInvitationReplacesTheOldTokenAndOnlyForPendingStaffOfTheAgency() {
        Directory.Invitation first = directory.invite("OFFICER", "KCPD", "cy@kcpd.example", "Cy");
        UUID id = first.account().id();
        assertThat(security.reissueInvitation("MOPD", id, directory)).isEmpty();
        Directory.Invitation second = security.reissueInvitation("KCPD", id, directory).orElseThrow();
        assertThat(second.activationToken()).isNotEqualTo(first.activationToken());
        assertThatThrownBy(() -> directory.activate(first.activationToken(), PASSWORD)).isInstanceOf(ProblemException.class);

        expire(id);
        assertThatThrownBy(() -> directory.activate(second.activationToken(), PASSWORD)).as("past its own expiry")
                .isInstanceOf(ProblemException.class);
        Directory.Invitation third = security.reissueInvitation("KCPD", id, directory).orElseThrow();
        directory.activate(third.activationToken(), PASSWORD);
        conflict(() -> security.reissueInvitation("KCPD", id, directory), "not-pending");
    }

    private void expire(UUID account) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE identity.account SET activation_expires_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
                update.setObject(2, account);
                return update.executeUpdate();
            }
        });
    }
}
