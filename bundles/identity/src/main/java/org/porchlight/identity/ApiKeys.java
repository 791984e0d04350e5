package org.porchlight.identity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;

/**
 * Vendors' API keys, {@code plk_<id>_<secret>}: shown once, stored as a SHA-256 of the secret,
 * revocable. A key authenticates as its vendor with {@link Caller.Credential#API_KEY}, which the
 * REST core lets through only to integration endpoints.
 */
@Component(service = {ApiKeys.class, Authenticator.class})
public class ApiKeys implements Authenticator {

    private static final String PREFIX = "plk_";

    /** A key as its owner lists it; the secret is only in {@link Created}. */
    public record ApiKey(String id, String name, Instant createdAt, Instant revokedAt) {
    }

    /** A new key, with the secret shown this once. */
    public record Created(String id, String name, Instant createdAt, String key) {
    }

    private final Database database;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public ApiKeys(@Reference Database database) {
        this.database = database;
    }

    public Created create(UUID vendor, String name) {
        String id = newKeyId();
        String secret = Hashes.randomToken(32);
        Instant now = clock.instant();
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.api_key (id, account_id, name, "
                    + "secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setObject(2, vendor);
                insert.setString(3, name);
                insert.setString(4, Hashes.sha256(secret));
                insert.setTimestamp(5, Timestamp.from(now));
                return insert.executeUpdate();
            }
        });
        return new Created(id, name, now, PREFIX + id + "_" + secret);
    }

    public List<ApiKey> list(UUID vendor) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, name, created_at, revoked_at "
                    + "FROM identity.api_key WHERE account_id = ? ORDER BY created_at, id")) {
                select.setObject(1, vendor);
                List<ApiKey> keys = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new ApiKey(rs.getString(1), rs.getString(2), Directory.instant(rs, 3),
                                Directory.instant(rs, 4)));
                    }
                }
                return keys;
            }
        });
    }

    /** Revokes one of the vendor's keys; false if it has no such key. */
    public boolean revoke(UUID vendor, String id) {
        return database.inTransaction(c -> {
            try (PreparedStatement revoke = c.prepareStatement("UPDATE identity.api_key SET revoked_at = ? "
                    + "WHERE id = ? AND account_id = ? AND revoked_at IS NULL")) {
                revoke.setTimestamp(1, Timestamp.from(clock.instant()));
                revoke.setString(2, id);
                revoke.setObject(3, vendor);
                return revoke.executeUpdate() == 1;
            }
        });
    }

    /** A key id: hex, so that it never holds the {@code _} that ends it in the key. */
    static String newKeyId() {
        return java.util.HexFormat.of().formatHex(Hashes.randomBytes(8));
    }

    /** {@code plk_<id>_<secret>} as {id, secret}; the secret may itself hold {@code _}. Null if malformed. */
    static String[] parse(String credential) {
        int split = credential.indexOf('_', PREFIX.length());
        if (!credential.startsWith(PREFIX) || split <= PREFIX.length() || split == credential.length() - 1) {
            return null;
        }
        return new String[] {credential.substring(PREFIX.length(), split), credential.substring(split + 1)};
    }

    @Override
    public Optional<Caller> authenticate(String credential) throws AuthenticationException {
        if (!credential.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = parse(credential);
        if (parts == null) {
            throw new AuthenticationException("malformed API key");
        }
        String id = parts[0];
        String secretHash = Hashes.sha256(parts[1]);
        UUID vendor = database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT k.account_id FROM identity.api_key k JOIN "
                    + "identity.account a ON a.id = k.account_id WHERE k.id = ? AND k.secret_hash = ? "
                    + "AND k.revoked_at IS NULL AND a.status = 'ACTIVE' AND a.role = 'VENDOR'")) {
                select.setString(1, id);
                select.setString(2, secretHash);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getObject(1, UUID.class) : null;
                }
            }
        });
        if (vendor == null) {
            throw new AuthenticationException("unknown or revoked API key " + id);
        }
        return Optional.of(new Caller(vendor, Roles.VENDOR, null, Caller.Credential.API_KEY, id));
    }
}
