package org.porchlight.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
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
import org.porchlight.identity.store.ApiKeyRows;

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

    private final ApiKeyRows rows;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public ApiKeys(@Reference Database database) {
        this.rows = new ApiKeyRows(database);
    }

    public Created create(UUID vendor, String name) {
        String id = newKeyId();
        String secret = Hashes.randomToken(32);
        Instant now = clock.instant();
        rows.insert(id, vendor, name, Hashes.sha256(secret), now);
        return new Created(id, name, now, PREFIX + id + "_" + secret);
    }

    public List<ApiKey> list(UUID vendor) {
        return rows.list(vendor);
    }

    /** Revokes one of the vendor's keys; false if it has no such key. */
    public boolean revoke(UUID vendor, String id) {
        return rows.revoke(vendor, id, clock.instant());
    }

    /** A key id: hex, so that it never holds the {@code _} that ends it in the key. */
    static String newKeyId() {
        return HexFormat.of().formatHex(Hashes.randomBytes(8));
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
        UUID vendor = rows.vendor(id, secretHash).orElse(null);
        if (vendor == null) {
            throw new AuthenticationException("unknown or revoked API key " + id);
        }
        return Optional.of(new Caller(vendor, Roles.VENDOR, null, Caller.Credential.API_KEY, id));
    }
}
