package org.porchlight.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.porchlight.api.security.PseudonymService;

/**
 * Pseudonyms as HMAC-SHA256(key, scope + resident) reduced to 12 digits. The key is a file
 * (configuration), never in the database. With 10^12 numbers, two residents of one agency share
 * a number with a chance of about 1 in 200 at 100,000 residents.
 */
@Component(service = {PseudonymService.class, PseudonymGenerator.class}, configurationPid = IdentityConfiguration.PID)
public class PseudonymGenerator implements PseudonymService {

    private static final long RANGE = 1_000_000_000_000L;

    private final SecretKeySpec key;

    @Activate
    public PseudonymGenerator(BundleContext context, IdentityConfiguration config) {
        this(Base64.getDecoder().decode(Secrets.readOrCreate(
                Secrets.locate(context, config.pseudonymKeyFile(), "pseudonym.key"),
                () -> Base64.getEncoder().encodeToString(Hashes.randomBytes(32))).trim()));
    }

    PseudonymGenerator(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Pseudonym pseudonym(UUID resident, String agencyCode) {
        return derive("agency:" + agencyCode.toUpperCase(Locale.ROOT) + ":" + resident);
    }

    @Override
    public Pseudonym platformPseudonym(UUID resident) {
        return derive("platform:" + resident);
    }

    /**
     * Names the key without revealing it: an HMAC of a fixed label, which no pseudonym's input can
     * be. Nodes with the same key have the same fingerprint ({@link ClusterKeys}).
     */
    String fingerprint() {
        return HexFormat.of().formatHex(mac("porchlight cluster key check v1"), 0, 16);
    }

    private Pseudonym derive(String input) {
        long bits = ByteBuffer.wrap(mac(input)).getLong() >>> 1;
        return new Pseudonym(bits % RANGE);
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
