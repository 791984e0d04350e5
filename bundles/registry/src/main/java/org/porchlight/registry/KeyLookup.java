package org.porchlight.registry;

import org.porchlight.api.store.Database;

/** How to read many rows by key in one go, which differs between the two databases. */
final class KeyLookup {

    private KeyLookup() {
    }

    /**
     * Whether to probe one key at a time: H2 tests {@code = ANY(array)} and long {@code IN} lists
     * row by row (a scan per batch), while a primary-key probe is fast in process. PostgreSQL
     * probes its index for each element of {@code = ANY(?)} in one round trip.
     */
    static boolean keyByKey(Database database) {
        return database.productName().startsWith("H2");
    }
}
