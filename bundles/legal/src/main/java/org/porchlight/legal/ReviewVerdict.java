package org.porchlight.legal;

/** A supervisor's finding on an emergency request. */
public enum ReviewVerdict {
    /** The emergency justified asking the vendor without legal process. */
    JUSTIFIED,
    /** It did not; the review note says why. */
    NOT_JUSTIFIED
}
