package org.porchlight.requests;

/** An owner's answer to a request. */
public enum DeliveryStatus {
    /** Asked, no answer yet. */
    PENDING,
    /** Shared one or more files. */
    SHARED,
    /** Answered that they have nothing. */
    NOTHING,
    /** Declined; a reason is optional and never required. */
    DECLINED,
    /** The request ended without an answer. */
    NO_ANSWER
}
