package org.porchlight.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The noise added to each published density figure: two-sided geometric (discrete Laplace),
 * P(k) = (1 - a) / (1 + a) * a^|k| with a = e^-epsilon, which makes a figure of a count that one
 * owner changes by at most 1 epsilon-differentially private. The draw is derived from an HMAC of
 * the secret key, the period, the grid and the cell, so every query in a period gets the same
 * figure (asking again does not average the noise away) and the next period a fresh one.
 */
final class DensityNoise {

    private final Mac mac;
    private final double logAlpha;

    DensityNoise(byte[] key, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive");
        }
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        this.logAlpha = -epsilon;
    }

    /** The noise of one cell of one grid in one period. Not thread-safe: one instance per answer. */
    long draw(long period, int meters, DensityGrid.Cell cell) {
        byte[] digest = mac.doFinal((period + "/" + meters + "/" + cell.row() + "/" + cell.column())
                .getBytes(StandardCharsets.US_ASCII));
        ByteBuffer bits = ByteBuffer.wrap(digest);
        return geometric(bits.getLong()) - geometric(bits.getLong());
    }

    /** Geometric on {0, 1, ...} with P(G >= k) = a^k, from 53 uniform bits: U in (0, 1], G = floor(ln U / ln a). */
    private long geometric(long randomBits) {
        double uniform = ((randomBits >>> 11) + 1) * 0x1.0p-53;
        return (long) Math.floor(Math.log(uniform) / logAlpha);
    }
}
