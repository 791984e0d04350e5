package org.porchlight.legal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a legal demand stands:
 *
 * <pre>
 * DRAFT ──> SERVED ──> FULFILLED | PARTIALLY_FULFILLED | REFUSED | WITHDRAWN
 *   │                                   │
 *   └──> WITHDRAWN                      └──> FULFILLED (the vendor delivered the rest)
 * </pre>
 *
 * A draft is being prepared (e.g. awaiting a judge's signature) and is not counted publicly; a
 * demand counts on the public page from the month it was served. FULFILLED, REFUSED and
 * WITHDRAWN are final.
 */
public enum LegalDemandStatus {
    DRAFT, SERVED, PARTIALLY_FULFILLED, FULFILLED, REFUSED, WITHDRAWN;

    /** The statuses a demand in this status may move to. */
    public Set<LegalDemandStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SERVED, WITHDRAWN);
            case SERVED -> EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, REFUSED, WITHDRAWN);
            case PARTIALLY_FULFILLED -> EnumSet.of(FULFILLED);
            case FULFILLED, REFUSED, WITHDRAWN -> EnumSet.noneOf(LegalDemandStatus.class);
        };
    }

    public boolean canBecome(LegalDemandStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
