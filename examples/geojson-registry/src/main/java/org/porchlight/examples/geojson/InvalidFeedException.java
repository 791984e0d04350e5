package org.porchlight.examples.geojson;

/**
 * The feed as a whole cannot be read (not JSON, not a FeatureCollection, too large): the sync fails with this
 * message, which the agency's staff read in the import report, so it names the problem and never a value of the feed.
 */
final class InvalidFeedException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidFeedException(String message) {
        super(message);
    }
}
