package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.identity.store.CredentialRows;
import org.porchlight.identity.store.ThrottleRows;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * Password changes and resets: a reset link works once, within its lifetime, only as mailed; asking for one
 * answers alike for any address; a new password, changed or reset, ends every sign-in of the account.
 */
class PasswordsTest {

    private static final String PASSWORD = "a long resident passphrase";
    private static final String NEW_PASSWORD = "another quite long passphrase";
    private static final Pattern TOKEN = Pattern.compile("plp_[A-Za-z0-9_-]{43}");

    @TempDir
    Path folder;

    private final TestClock clock = new TestClock(Instant.now());
    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final IdentityConfiguration config = TestConfiguration.of(IdentityConfiguration.class, Map.of(
            "passwordResetMinutes", 30, "passwordResetsPerAddress", 3, "verificationResends", 2, "signUpWindowMinutes", 60,
            "freeLoginFailures", 2, "argon2MemoryKiB", 1024, "argon2Iterations", 1));
    private final Directory directory = new Directory(database, null, config); // writes no JSON
    private final AccountSecurity security = new AccountSecurity(database, config);
    private final PasswordSignIns signIns = new PasswordSignIns(directory, new LoginThrottle(new ThrottleRows(database), config,
            clock), security, database);
    private final Sessions sessions = new Sessions(database, config);
    private final List<MailMessage> mails = new ArrayList<>();
    private Mailer mailer = message -> {
        synchronized (mails) {
            mails.add(message);
        }
    };
    private final Passwords passwords = new Passwords(new CredentialRows(database), signIns::account,
            new SignUpThrottle(new ThrottleRows(database), config, clock), config, clock, () -> mailer);

    private UUID resident(String email) {
        return directory.signUpResident(email, PASSWORD, "R").orElseThrow().id();
    }

    /** A sign-in with the password, as the token endpoint makes it: its first refresh token. */
    private String signIn(UUID account, String email) {
        return started(account, email).token();
    }

    private Sessions.Started started(UUID account, String email) {
        return sessions.start(account, directory.verifyPassword(email, PASSWORD).orElseThrow().passwordHash()).orElseThrow();
    }

    private void update(String sql, Object... parameters) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private String mailedToken() {
        Matcher m = TOKEN.matcher(mails.get(mails.size() - 1).text());
        assertThat(m.find()).as(mails.get(mails.size() - 1).text()).isTrue();
        return m.group();
    }

    private static void problem(Runnable call, ProblemType type, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo(type.uri());
            if (field != null) {
                assertThat(e.problem().errors()).anySatisfy(f -> assertThat(f.field()).isEqualTo(field));
            }
        });
    }

    private long rows(String sql) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aResetLinkSetsTheNewPasswordOnceAndEndsEverySignIn() {
        UUID ana = resident("ana@residents.example");
        String refresh = signIn(ana, "ana@residents.example");
        passwords.request("203.0.113.1", "ANA@residents.example ");
        assertThat(mails).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("ana@residents.example");
            assertThat(m.text()).contains("within 30 minutes");
        });
        String token = mailedToken();
        assertThat(rows("SELECT COUNT(*) FROM identity.password_reset WHERE token_hash = '" + Hashes.sha256(token) + "'"))
                .as("only the hash is stored").isEqualTo(1);
        assertThat(rows("SELECT COUNT(*) FROM identity.password_reset WHERE token_hash = '" + token + "'")).isZero();

        assertThat(passwords.reset(token, NEW_PASSWORD)).isEqualTo(ana);

        assertThat(directory.signIn("ana@residents.example", NEW_PASSWORD)).isPresent();
        assertThat(directory.signIn("ana@residents.example", PASSWORD)).isEmpty();
        assertThat(sessions.rotate(refresh)).as("the sign-in made with the old password").isEmpty();
        problem(() -> passwords.reset(token, "yet another long passphrase"), Passwords.INVALID_LINK, null);
        assertThat(directory.signIn("ana@residents.example", NEW_PASSWORD)).as("the used link changed nothing").isPresent();
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndOneNoticeButNoLink() {
        resident("bo@residents.example");
        passwords.request("203.0.113.2", "nobody@residents.example");
        assertThat(mails).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("nobody@residents.example");
            assertThat(TOKEN.matcher(m.text()).find()).isFalse();
        });
        assertThat(rows("SELECT COUNT(*) FROM identity.password_reset")).isZero();
    }

    @Test
    void anAlteredMalformedOrExpiredLinkIsRefused() {
        resident("cy@residents.example");
        passwords.request("203.0.113.3", "cy@residents.example");
        String token = mailedToken();
        String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        for (String bad : new String[] {altered, "plp_short", "", null, "plv_" + token.substring(4)}) {
            problem(() -> passwords.reset(bad, NEW_PASSWORD), Passwords.INVALID_LINK, null);
        }
        clock.advance(Duration.ofMinutes(31));
        problem(() -> passwords.reset(token, NEW_PASSWORD), Passwords.INVALID_LINK, null);
        assertThat(directory.signIn("cy@residents.example", PASSWORD)).isPresent();
    }

    @Test
    void aNewPasswordThePolicyRefusesLeavesTheLinkWorking() {
        resident("dee@residents.example");
        passwords.request("203.0.113.4", "dee@residents.example");
        String token = mailedToken();
        problem(() -> passwords.reset(token, "password1234"), ProblemType.VALIDATION, "password");
        problem(() -> passwords.reset(token, "short"), ProblemType.VALIDATION, "password");
        passwords.reset(token, NEW_PASSWORD);
        assertThat(directory.signIn("dee@residents.example", NEW_PASSWORD)).isPresent();
    }

    @Test
    void requestsAreCountedPerNetworkKnownAddressesOrNot() {
        resident("eve@residents.example");
        passwords.request("2001:db8:1:1::1", "eve@residents.example");
        passwords.request("2001:db8:1:1::2", "nobody@residents.example");
        passwords.request("2001:db8:1:1::3", "other@residents.example");
        assertThatThrownBy(() -> passwords.request("2001:db8:1:1:ffff::9", "eve@residents.example"))
                .as("the same /64").isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(429);
                    assertThat(e.headers()).containsKey("Retry-After");
                });
        passwords.request("2001:db8:2:1::1", "eve@residents.example");
    }

    @Test
    void aMailboxGetsAtMostItsAllowanceOfMailsWhileTheAnswerStaysTheSame() {
        resident("fay@residents.example");
        for (int i = 1; i <= 4; i++) {
            passwords.request("198.51.100." + i, "fay@residents.example");
        }
        assertThat(mails).hasSize(2);
    }

    @Test
    void withoutMailEveryAddressIsAnswered503() {
        resident("gus@residents.example");
        mailer = null;
        problem(() -> passwords.request("203.0.113.7", "gus@residents.example"), ProblemType.UNAVAILABLE, null);
        problem(() -> passwords.request("203.0.113.7", "nobody@residents.example"), ProblemType.UNAVAILABLE, null);
    }

    @Test
    void twoUsesOfOneLinkAtOnceLetOneThrough() throws Exception {
        resident("hal@residents.example");
        passwords.request("203.0.113.8", "hal@residents.example");
        String token = mailedToken();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> use = () -> {
                try {
                    passwords.reset(token, NEW_PASSWORD);
                    return true;
                } catch (ProblemException e) {
                    return false;
                }
            };
            List<Future<Boolean>> results = pool.invokeAll(List.of(use, use));
            assertThat(results.get(0).get() ^ results.get(1).get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeNeedsTheRightCurrentPasswordAndEndsEverySignInWithItsAccessTokens() throws Exception {
        UUID ivy = resident("ivy@residents.example");
        String refresh = signIn(ivy, "ivy@residents.example");
        Tokens tokens = new Tokens(new SigningKeys(folder.resolve("keys.jwks"), Clock.systemUTC()), Duration.ofMinutes(10),
                security);
        String access = tokens.issue(directory.account(ivy).orElseThrow().caller());
        assertThat(tokens.authenticate(access)).isPresent();

        // Tokens are stamped with the real time; so is the change here.
        Passwords passwords = new Passwords(new CredentialRows(database), signIns::account,
                new SignUpThrottle(new ThrottleRows(database), config, clock), config, Clock.systemUTC(), () -> mailer);
        problem(() -> passwords.change(ivy, "not my passphrase", NEW_PASSWORD, "203.0.113.9"), Passwords.WRONG_PASSWORD,
                "currentPassword");
        problem(() -> passwords.change(ivy, PASSWORD, PASSWORD, "203.0.113.9"), ProblemType.VALIDATION, "newPassword");
        problem(() -> passwords.change(ivy, PASSWORD, "password1234", "203.0.113.9"), ProblemType.VALIDATION,
                "newPassword");
        assertThat(tokens.authenticate(access)).as("refusals change nothing").isPresent();

        passwords.change(ivy, PASSWORD, NEW_PASSWORD, "203.0.113.9");

        assertThatThrownBy(() -> tokens.authenticate(access)).isInstanceOf(AuthenticationException.class);
        assertThat(sessions.rotate(refresh)).isEmpty();
        assertThat(directory.signIn("ivy@residents.example", NEW_PASSWORD)).isPresent();
        String fresh = tokens.issue(directory.account(ivy).orElseThrow().caller());
        assertThat(tokens.authenticate(fresh)).as("a sign-in after the change").isPresent();
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignIns() {
        UUID jo = resident("jo@residents.example");
        for (int i = 0; i < 3; i++) {
            problem(() -> passwords.change(jo, "wrong passphrase!", NEW_PASSWORD, "203.0.113.10"), Passwords.WRONG_PASSWORD,
                    "currentPassword");
        }
        assertThatThrownBy(() -> passwords.change(jo, PASSWORD, NEW_PASSWORD, "203.0.113.10"))
                .as("blocked, even with the right one").isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(429));
    }

    @Test
    void aChangeUsesUpResetLinksAskedForBefore() {
        UUID kim = resident("kim@residents.example");
        passwords.request("203.0.113.11", "kim@residents.example");
        String token = mailedToken();
        passwords.change(kim, PASSWORD, NEW_PASSWORD, "203.0.113.11");
        problem(() -> passwords.reset(token, "a passphrase of the thief"), Passwords.INVALID_LINK, null);
    }

    @Test
    void aPasswordCheckedBeforeAChangeStartsNoSignInAfterIt() {
        UUID lee = resident("lee@residents.example");
        // A sign-in checks the typed password (slow), then stores its refresh token; the change comes in between.
        Directory.Verified checked = directory.verifyPassword("lee@residents.example", PASSWORD).orElseThrow();
        passwords.change(lee, PASSWORD, NEW_PASSWORD, "203.0.113.12");
        assertThat(sessions.start(lee, checked.passwordHash())).isEmpty();

        UUID mo = resident("mo@residents.example");
        Directory.Verified before = directory.verifyPassword("mo@residents.example", PASSWORD).orElseThrow();
        passwords.request("203.0.113.13", "mo@residents.example");
        passwords.reset(mailedToken(), NEW_PASSWORD);
        assertThat(sessions.start(mo, before.passwordHash())).as("and after a reset").isEmpty();
        Directory.Verified after = directory.verifyPassword("mo@residents.example", NEW_PASSWORD).orElseThrow();
        assertThat(sessions.start(mo, after.passwordHash())).as("a sign-in with the new password").isPresent();
    }

    @Test
    void aRefreshTokenThatEscapedTheRevocationOfAChangeDoesNotRotate() {
        UUID ned = resident("ned@residents.example");
        String refresh = signIn(ned, "ned@residents.example");
        passwords.change(ned, PASSWORD, NEW_PASSWORD, "203.0.113.14");
        // As a successor stored just after the change revoked the account's tokens would be.
        update("UPDATE identity.refresh_token SET revoked_at = NULL WHERE account_id = ?", ned);
        assertThat(sessions.rotate(refresh)).isEmpty();

        String fresh = sessions.start(ned, directory.verifyPassword("ned@residents.example", NEW_PASSWORD).orElseThrow()
                .passwordHash()).orElseThrow().token();
        assertThat(sessions.rotate(fresh)).as("a sign-in after the change").isPresent();
    }

    @Test
    void theAccessTokenOfASignInJustBeforeAChangeIsRefusedAfterIt() throws Exception {
        UUID ola = resident("ola@residents.example");
        Tokens tokens = new Tokens(new SigningKeys(folder.resolve("keys.jwks"), Clock.systemUTC()), Duration.ofMinutes(10),
                security);
        Sessions.Started started = started(ola, "ola@residents.example");
        String access = tokens.issue(directory.account(ola).orElseThrow().caller(), started.at());
        // The change read its clock (this test's, a little behind) before it got the account's lock.
        passwords.change(ola, PASSWORD, NEW_PASSWORD, "203.0.113.15");
        assertThatThrownBy(() -> tokens.authenticate(access)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aNewPasswordChangedOrResetRevokesTheAccountsApiKeys() throws Exception {
        ApiKeys keys = new ApiKeys(database);
        UUID pat = resident("pat@vendors.example");
        update("UPDATE identity.account SET role = 'VENDOR' WHERE id = ?", pat);
        String changed = keys.create(pat, "before the change").key();
        assertThat(keys.authenticate(changed)).isPresent();
        passwords.change(pat, PASSWORD, NEW_PASSWORD, "203.0.113.16");
        assertThatThrownBy(() -> keys.authenticate(changed)).isInstanceOf(AuthenticationException.class);

        String reset = keys.create(pat, "before the reset").key();
        passwords.request("203.0.113.17", "pat@vendors.example");
        assertThat(mails.get(mails.size() - 1).text()).contains("revokes the account's API keys");
        passwords.reset(mailedToken(), "yet another long passphrase");
        assertThatThrownBy(() -> keys.authenticate(reset)).isInstanceOf(AuthenticationException.class);
        assertThat(keys.list(pat)).allSatisfy(k -> assertThat(k.revokedAt()).isNotNull());
    }
}
