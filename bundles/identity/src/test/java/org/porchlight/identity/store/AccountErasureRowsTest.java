package org.porchlight.identity.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestDatabase;

/** Deleting a resident's account takes its sign-ins and links along, and never a staff account. */
class AccountErasureRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final AccountErasureRows rows = new AccountErasureRows(database);

    @Test
    void aResidentsAccountGoesWithItsSignInsAndVerificationLinks() {
        UUID resident = account("RESIDENT", "me@example.org");
        UUID other = account("RESIDENT", "other@example.org");

        assertThat(rows.delete(resident)).isEqualTo(3); // the account, its refresh token, its verification link

        assertThat(count("identity.account", resident)).isZero();
        assertThat(count("identity.account", other)).isEqualTo(1);
        assertThat(count("identity.refresh_token", other)).isEqualTo(1);
        assertThat(rows.delete(resident)).isZero(); // once gone, nothing more
    }

    @Test
    void aPlatformAdminIsNotDeletedHere() {
        UUID admin = account("PLATFORM_ADMIN", "admin@example.org");

        assertThat(rows.delete(admin)).isZero();

        assertThat(count("identity.account", admin)).isEqualTo(1);
        assertThat(count("identity.refresh_token", admin)).isEqualTo(1);
    }

    private UUID account(String role, String email) {
        UUID id = UUID.randomUUID();
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.account (id, role, email, display_name, "
                    + "status, created_at) VALUES (?, ?, ?, 'Someone', 'ACTIVE', ?)")) {
                insert.setObject(1, id);
                insert.setString(2, role);
                insert.setString(3, email);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.refresh_token (token_hash, family, "
                    + "account_id, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, (id.toString().replace("-", "") + "00000000000000000000000000000000").substring(0, 64));
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, id);
                insert.setTimestamp(4, Timestamp.from(Instant.now().plusSeconds(60)));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.email_verification (token_hash, account_id, "
                    + "expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, id.toString().replace("-", ""));
                insert.setObject(2, id);
                insert.setTimestamp(3, Timestamp.from(Instant.now().plusSeconds(60)));
                return insert.executeUpdate();
            }
        });
        return id;
    }

    private long count(String table, UUID account) {
        String column = table.endsWith("account") ? "id" : "account_id";
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
                select.setObject(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
