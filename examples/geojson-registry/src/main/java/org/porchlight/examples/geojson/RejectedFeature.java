package org.porchlight.examples.geojson;

/**
 * One feature that breaks a rule: it changes nothing and is listed in the import report with the member at fault
 * ({@code geometry}, {@code properties.address}, ...) and the reason, never the value.
 */
final class RejectedFeature extends Exception {

    private static final long serialVersionUID = 1L;

    private final String member;

    /** @param member the feature's member at fault, or {@code null} for the whole feature */
    RejectedFeature(String member, String reason) {
        super(reason);
        this.member = member;
    }

    String member() {
        return member;
    }
}
