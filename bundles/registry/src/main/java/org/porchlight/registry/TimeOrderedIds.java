package org.porchlight.registry;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.UUID;

/**
 * Ids for imported registrations: UUID version 7 (RFC 9562), the time in milliseconds followed by
 * 74 random bits. A batch's ids are neighbours in every index keyed by camera id, so an import
 * appends to those B-trees instead of touching a random page per row.
 */
final class TimeOrderedIds {

    /** How H2 and PostgreSQL order UUIDs: as unsigned numbers (UUID.compareTo compares signed ones). */
    static final Comparator<UUID> DATABASE_ORDER = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    static UUID next() {
        long random = RANDOM.nextLong();
        // 48 bits of time, the version (7), 12 random bits; then the variant (10) and 62 random bits.
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
