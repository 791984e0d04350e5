package org.porchlight.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;

/**
 * Claiming registrations a source imported: a resident names the e-mail address the source has
 * on file, a one-time code goes to that address, and the code moves every unclaimed, current
 * registration of that address to the resident's account. The code proves the resident reads
 * that mailbox; nobody learns whether an address has registrations without it.
 */
final class Claims {

    /** Codes are typed from an e-mail: 8 characters of an alphabet without look-alikes, 40 bits. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    static final Duration LIFETIME = Duration.ofHours(24);
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_PER_DAY = 5;

    /** An open claim: the code to send, and whether the address has anything to claim. */
    record Opened(String code, String email, boolean anything) {
    }

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Claims(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Opens a claim of {@code email}'s registrations for {@code account}; empty if the account or
     * the address asked {@link #MAX_PER_DAY} times in the last day.
     */
    Optional<Opened> open(UUID account, String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        String code = code();
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM registry.claim WHERE expires_at < ?")) {
                purge.setTimestamp(1, Timestamp.from(now));
                purge.executeUpdate();
            }
            if (recent(c, "account_id", account, now) >= MAX_PER_DAY || recent(c, "email", address, now) >= MAX_PER_DAY) {
                return Optional.<Opened>empty();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO registry.claim (id, account_id, email, code_hash, "
                    + "attempts, created_at, expires_at) VALUES (?, ?, ?, ?, 0, ?, ?)")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, account);
                insert.setString(3, address);
                insert.setString(4, hash(code));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now.plus(LIFETIME)));
                insert.executeUpdate();
            }
            return Optional.of(new Opened(code, address, claimable(c, address) > 0));
        });
    }

    /**
     * Redeems a code of one of the account's open claims: the address's unclaimed registrations
     * become the account's (their source contact details are dropped: the account is the contact
     * now). Empty if the code matches none; every miss counts against the account's open claims.
     */
    Optional<List<UUID>> redeem(UUID account, String code) {
        String hash = hash(normalise(code));
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            String email = null;
            UUID claim = null;
            try (PreparedStatement select = c.prepareStatement("SELECT id, email, code_hash FROM registry.claim "
                    + "WHERE account_id = ? AND expires_at >= ? AND attempts < ? FOR UPDATE")) {
                select.setObject(1, account);
                select.setTimestamp(2, Timestamp.from(now));
                select.setInt(3, MAX_ATTEMPTS);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (MessageDigest.isEqual(rs.getString(3).getBytes(StandardCharsets.US_ASCII),
                                hash.getBytes(StandardCharsets.US_ASCII))) {
                            claim = rs.getObject(1, UUID.class);
                            email = rs.getString(2);
                        }
                    }
                }
            }
            if (claim == null) {
                try (PreparedStatement miss = c.prepareStatement(
                        "UPDATE registry.claim SET attempts = attempts + 1 WHERE account_id = ? AND expires_at >= ?")) {
                    miss.setObject(1, account);
                    miss.setTimestamp(2, Timestamp.from(now));
                    miss.executeUpdate();
                }
                return Optional.<List<UUID>>empty();
            }
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM registry.camera WHERE contact_email = ? "
                    + "AND source IS NOT NULL AND owner_id IS NULL AND claimed_at IS NULL AND withdrawn = FALSE FOR UPDATE")) {
                select.setString(1, email);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            try (PreparedStatement take = c.prepareStatement("UPDATE registry.camera SET owner_id = ?, claimed_at = ?, "
                    + "updated_at = ?, contact_email = NULL, contact_phone = NULL WHERE id = ?")) {
                for (UUID id : ids) {
                    take.setObject(1, account);
                    take.setTimestamp(2, Timestamp.from(now));
                    take.setTimestamp(3, Timestamp.from(now));
                    take.setObject(4, id);
                    take.addBatch();
                }
                take.executeBatch();
            }
            ActiveCameraIndex.changed(c, now, ids);
            try (PreparedStatement done = c.prepareStatement("DELETE FROM registry.claim WHERE id = ?")) {
                done.setObject(1, claim);
                done.executeUpdate();
            }
            return Optional.of(ids);
        });
    }

    private static long claimable(Connection c, String email) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM registry.camera WHERE contact_email = ? "
                + "AND source IS NOT NULL AND owner_id IS NULL AND claimed_at IS NULL AND withdrawn = FALSE")) {
            count.setString(1, email);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long recent(Connection c, String column, Object value, Instant now) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM registry.claim WHERE " + column + " = ? AND created_at > ?")) {
            count.setObject(1, value);
            count.setTimestamp(2, Timestamp.from(now.minus(Duration.ofDays(1))));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String code() {
        char[] code = new char[8];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code, 0, 4) + "-" + new String(code, 4, 4);
    }

    /** As typed: any case, with or without the dash or spaces. */
    static String normalise(String code) {
        String bare = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return bare.length() == 8 ? bare.substring(0, 4) + "-" + bare.substring(4) : bare;
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
