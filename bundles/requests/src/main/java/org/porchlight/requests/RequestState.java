package org.porchlight.requests;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a footage request is. A supervisor's rejection sends a pending request back to
 * {@link #DRAFT} with the reason, for the officer to change or withdraw.
 */
public enum RequestState {
    DRAFT, PENDING_APPROVAL, ACTIVE, CLOSED, EXPIRED, WITHDRAWN;

    /** The states this one may move to. */
    public Set<RequestState> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PENDING_APPROVAL, ACTIVE, WITHDRAWN);
            case PENDING_APPROVAL -> EnumSet.of(ACTIVE, DRAFT, WITHDRAWN);
            case ACTIVE -> EnumSet.of(CLOSED, EXPIRED, WITHDRAWN);
            case CLOSED, EXPIRED, WITHDRAWN -> EnumSet.noneOf(RequestState.class);
        };
    }

    public boolean ended() {
        return this == CLOSED || this == EXPIRED || this == WITHDRAWN;
    }
}
