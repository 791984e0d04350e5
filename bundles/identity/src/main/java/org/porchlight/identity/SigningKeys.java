package org.porchlight.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The token signing keys: a JWK set in a file. The first key signs; every key verifies until
 * its {@code exp}. Rotation puts a new key first and gives the old one an {@code exp} just after
 * the last token it signed expires, so nobody is signed out. The file is re-read when it
 * changes, so that every node of a cluster can be given the same new set.
 */
final class SigningKeys {

    private static final DateTimeFormatter KID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Clock clock;
    private volatile JWKSet keys;
    private volatile long modified;
    private volatile long checkedAt;
    private volatile long rereadAt;

    SigningKeys(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        Instant now = clock.instant();
        this.keys = parse(Secrets.readOrCreate(file, () -> new JWKSet(generate(now, newKeyId(now))).toString(false)));
        this.modified = lastModified();
    }

    /** The key that signs new tokens. */
    RSAKey signingKey() {
        refresh();
        return (RSAKey) keys.getKeys().get(0);
    }

    /** The keys that verify tokens now: every key in the file whose {@code exp} has not passed. */
    List<JWK> verificationKeys() {
        refresh();
        Date now = Date.from(clock.instant());
        return keys.getKeys().stream().filter(k -> k.getExpirationTime() == null || k.getExpirationTime().after(now)).toList();
    }

    /** The public half of {@link #verificationKeys()}, for {@code /api/auth/jwks.json}. */
    JWKSet publicKeys() {
        return new JWKSet(verificationKeys()).toPublicJWKSet();
    }

    /**
     * A new signing key; the old ones keep verifying for {@code overlap}, then expire. The file is
     * read afresh first, so that a rotation written by another node sharing it is kept, and the new
     * key's id is one that no key in the set has.
     */
    synchronized String rotate(Duration overlap) throws IOException {
        Instant now = clock.instant();
        keys = parse(Files.readString(file));
        modified = lastModified();
        Set<String> taken = keys.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
        List<JWK> next = new ArrayList<>();
        String kid = newKeyId(now);
        while (taken.contains(kid)) {
            kid = newKeyId(now);
        }
        RSAKey fresh = generate(now, kid);
        next.add(fresh);
        Date live = Date.from(now);
        for (JWK old : keys.getKeys()) {
            if (old.getExpirationTime() != null && !old.getExpirationTime().after(live)) {
                continue; // expired: it verifies nothing any more
            }
            Date retire = Date.from(now.plus(overlap));
            Date exp = old.getExpirationTime() == null || old.getExpirationTime().after(retire) ? retire : old.getExpirationTime();
            next.add(new RSAKey.Builder((RSAKey) old).expirationTime(exp).build());
        }
        JWKSet set = new JWKSet(next);
        Secrets.write(file, set.toString(false));
        keys = set;
        modified = lastModified();
        return fresh.getKeyID();
    }

    private void refresh() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < 5000) {
            return;
        }
        checkedAt = now;
        long current = lastModified();
        if (current != modified) {
            reread(current);
        }
    }

    /**
     * Reads the file again now, whatever its time says, at most once a second: a token whose key
     * is not among the keys read names a key another node of the cluster has just added to the
     * shared file. Without it, that node's tokens were refused here until the next check; on NFS,
     * whose cached file times may lag for up to a minute, longer (opening the file reads it fresh).
     * Returns whether it read the file.
     */
    boolean rereadForUnknownKey() {
        long now = System.currentTimeMillis();
        if (now - rereadAt < 1000) {
            return false;
        }
        rereadAt = now;
        checkedAt = now;
        reread(lastModified());
        return true;
    }

    private void reread(long current) {
        try {
            keys = parse(Files.readString(file));
            modified = current;
        } catch (IOException | IllegalStateException e) {
            // keep the keys we have; a half-written file is read again at the next check
        }
    }

    private long lastModified() {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return modified;
        }
    }

    /**
     * A key id of the creation time and 64 random bits: two rotations in one second, on one node or
     * two, get different ids (the time alone gave duplicates).
     */
    static String newKeyId(Instant now) {
        return KID.format(now) + "-" + HexFormat.of().formatHex(Hashes.randomBytes(8));
    }

    private static RSAKey generate(Instant now, String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private JWKSet parse(String json) {
        try {
            JWKSet set = JWKSet.parse(json);
            if (set.getKeys().isEmpty() || !(set.getKeys().get(0) instanceof RSAKey first) || !first.isPrivate()) {
                throw new IllegalStateException("the first key in " + file + " must be a private RSA key");
            }
            return set;
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWK set: " + file, e);
        }
    }
}
