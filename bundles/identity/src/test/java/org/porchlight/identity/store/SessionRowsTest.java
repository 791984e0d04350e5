package org.porchlight.identity.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.identity.ApiKeys.ApiKey;
import org.porchlight.identity.store.SessionRows.Standing;
import org.porchlight.identity.store.SessionRows.Token;
import org.porchlight.testing.TestDatabase;

/** Refresh tokens and API keys: found by their hash only, used and revoked once, a family revoked together. */
class SessionRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final TestDatabase database = TestDatabase.inMemory("identity");

    @Test
    void aTokenIsFoundByItsHashUsedAndItsFamilyRevokedTogether() {
        UUID account = account("RESIDENT", "r@example.org", "$argon2id$hash");
        UUID family = UUID.randomUUID();
        String first = "1".repeat(64);
        String second = "2".repeat(64);
        database.inTransaction(c -> {
            SessionRows.insert(c, first, family, account, NOW.plusSeconds(60), null);
            SessionRows.insert(c, second, family, account, NOW.plusSeconds(60), NOW);
            SessionRows.use(c, first, NOW, new byte[] {1, 2, 3});
            return null;
        });

        assertThat(database.<Optional<UUID>>withConnection(c -> SessionRows.accountOf(c, first))).contains(account);
        assertThat(database.<Optional<UUID>>withConnection(c -> SessionRows.familyOf(c, second))).contains(family);
        assertThat(database.<Optional<UUID>>withConnection(c -> SessionRows.accountOf(c, "3".repeat(64)))).isEmpty();
        assertThat(database.<Optional<Token>>inTransaction(c -> SessionRows.lockToken(c, first)).orElseThrow())
                .usingRecursiveComparison().isEqualTo(new Token(family, account, NOW.plusSeconds(60), NOW, null, null,
                        new byte[] {1, 2, 3}));
        database.inTransaction(c -> {
            SessionRows.revokeFamily(c, family, NOW.plusSeconds(1));
            SessionRows.revokeFamily(c, family, NOW.plusSeconds(2)); // the first revocation stays
            return null;
        });
        assertThat(database.<Optional<Token>>inTransaction(c -> SessionRows.lockToken(c, second)).orElseThrow())
                .isEqualTo(new Token(family, account, NOW.plusSeconds(60), null, NOW.plusSeconds(1), NOW, null));
    }

    @Test
    void anAccountStandsForASessionOnlyWhenActiveWithAPassword() {
        UUID active = account("RESIDENT", "r@example.org", "$argon2id$hash");
        UUID invited = account("VENDOR", "v@example.org", null);

        assertThat(database.<Optional<Standing>>inTransaction(c -> SessionRows.lockAccount(c, active)))
                .contains(new Standing("$argon2id$hash", null));
        assertThat(database.<Optional<Standing>>inTransaction(c -> SessionRows.lockAccount(c, invited))).isEmpty();
        assertThat(database.<Optional<Standing>>inTransaction(c -> SessionRows.lockAccount(c, UUID.randomUUID()))).isEmpty();
    }

    @Test
    void anApiKeyAuthenticatesItsActiveVendorUntilRevoked() {
        UUID vendor = account("VENDOR", "v@example.org", "$argon2id$hash");
        UUID resident = account("RESIDENT", "r@example.org", "$argon2id$hash");
        ApiKeyRows keys = new ApiKeyRows(database);
        keys.insert("k1", vendor, "first", "a".repeat(64), NOW);
        keys.insert("k2", resident, "not a vendor", "b".repeat(64), NOW);

        assertThat(keys.vendor("k1", "a".repeat(64))).contains(vendor);
        assertThat(keys.vendor("k1", "c".repeat(64))).isEmpty();
        assertThat(keys.vendor("k2", "b".repeat(64))).as("only vendors").isEmpty();
        assertThat(keys.revoke(resident, "k1", NOW)).as("not theirs").isFalse();
        assertThat(keys.revoke(vendor, "k1", NOW.plusSeconds(5))).isTrue();
        assertThat(keys.revoke(vendor, "k1", NOW.plusSeconds(9))).as("once").isFalse();
        assertThat(keys.vendor("k1", "a".repeat(64))).isEmpty();
        assertThat(keys.list(vendor)).containsExactly(new ApiKey("k1", "first", NOW, NOW.plusSeconds(5)));
        assertThat(keys.list(UUID.randomUUID())).isEqualTo(List.of());
    }

    private UUID account(String role, String email, String passwordHash) {
        return database.inTransaction(c -> AccountRows.insert(c, role, null, email, "Someone", passwordHash,
                passwordHash == null ? "PENDING" : "ACTIVE", null, NOW));
    }
}
