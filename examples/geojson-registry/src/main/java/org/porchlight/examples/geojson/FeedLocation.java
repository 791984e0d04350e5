package org.porchlight.examples.geojson;

import java.io.IOException;

/** Where a feed's bytes come from (a file, a URL): the one side effect of a sync, so that the rest is unit-tested. */
@FunctionalInterface
interface FeedLocation {

    /**
     * The feed as it is now, whole.
     *
     * @throws InvalidFeedException if it is larger than allowed or missing
     * @throws IOException if it cannot be read now; the sync fails and the next one tries again
     */
    byte[] read() throws IOException, InvalidFeedException;
}
