package org.porchlight.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.porchlight.api.security.Caller;

/**
 * Basic credentials of platform admins verified lately. A browser sends the password with every
 * request, and a console page makes a dozen; checking each against its Argon2id hash would cost
 * a second of CPU per page. An entry is found by a keyed hash of the credential (the key is random
 * and lives only in this object), so the password itself is not kept.
 */
final class VerifiedPasswords {

    /** Far more platform admins than any installation has; beyond it, stale entries go first. */
    private static final int MAX_ENTRIES = 1000;

    private record Entry(Caller caller, Instant until) {
    }

    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Duration lifetime;

    VerifiedPasswords(Duration lifetime, Clock clock) {
        new SecureRandom().nextBytes(key);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        entries.clear();
    }

    /** The caller {@code credential} was verified as, if that was less than the lifetime ago. */
    Caller find(String credential) {
        String id = id(credential);
        Entry entry = entries.get(id);
        if (entry == null) {
            return null;
        }
        if (!entry.until().isAfter(clock.instant())) {
            entries.remove(id, entry);
            return null;
        }
        return entry.caller();
    }

    void remember(String credential, Caller caller) {
        if (lifetime.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !e.until().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(id(credential), new Entry(caller, now.plus(lifetime)));
    }

    void forget(String credential) {
        entries.remove(id(credential));
    }

    private String id(String credential) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
