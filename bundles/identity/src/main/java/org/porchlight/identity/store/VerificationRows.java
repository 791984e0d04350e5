package org.porchlight.identity.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;
import org.porchlight.sql.Rows;

/**
 * Links that verify a resident's e-mail address, in {@code identity.email_verification} (by the
 * SHA-256 of their token only), and the account's {@code email_verified_at}.
 */
public final class VerificationRows {

    private static final String FIND = "SELECT account_id, expires_at FROM identity.email_verification WHERE token_hash = ? "
            + "FOR UPDATE";
    private static final String MARK = "UPDATE identity.account SET email_verified_at = ? WHERE id = ? "
            + "AND email_verified_at IS NULL";
    private static final String VERIFIED = "SELECT email_verified_at FROM identity.account WHERE id = ?";

    private final Database database;

    public VerificationRows(Database database) {
        this.database = database;
    }

    /** Keeps a new link for the account; links expired before {@code now} are forgotten on the way. */
    public void store(String tokenHash, UUID account, Instant expiresAt, Instant now) {
        LinkRows.store(database, LinkRows.Table.EMAIL_VERIFICATION, tokenHash, account, expiresAt, now);
    }

    /**
     * Uses up the link with this hash if it exists and has not expired at {@code now}: every link of
     * its account is deleted and the account marked verified, in one transaction (two concurrent
     * uses of one link: the row lock lets one through). Returns the account, and whether this use
     * verified it (false: it was verified already).
     */
    public Optional<Use> use(String tokenHash, Instant now) {
        return database.inTransaction(c -> {
            UUID account;
            try (PreparedStatement find = c.prepareStatement(FIND)) {
                find.setString(1, tokenHash);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next() || !Rows.instant(rs, 2).isAfter(now)) {
                        return Optional.<Use>empty();
                    }
                    account = rs.getObject(1, UUID.class);
                }
            }
            if (!LinkRows.useUp(c, LinkRows.Table.EMAIL_VERIFICATION, account)) {
                return Optional.<Use>empty(); // used at this moment by another request
            }
            try (PreparedStatement mark = c.prepareStatement(MARK)) {
                mark.setTimestamp(1, Rows.timestamp(now));
                mark.setObject(2, account);
                return Optional.of(new Use(account, mark.executeUpdate() == 1));
            }
        });
    }

    /** When the account's address was verified, if it was (and the account exists). */
    public Optional<Instant> verifiedAt(UUID account) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(VERIFIED)) {
                select.setObject(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(Rows.instant(rs, 1)) : Optional.<Instant>empty();
                }
            }
        });
    }

    /** A link used up: whose it was, and whether it verified the account now (not before). */
    public record Use(UUID account, boolean first) {
    }
}
