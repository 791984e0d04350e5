package org.porchlight.evidence;

import java.time.Instant;
import java.util.UUID;

import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.evidence.crypto.MasterKeys.WrappedKey;

/**
 * An item as the evidence bundle keeps it: what {@link EvidenceItem} shows, plus where its
 * content is and its wrapped key ({@code null} once purged).
 */
public record StoredItem(EvidenceItem item, String store, WrappedKey wrappedKey, Instant purgedAt) {

    public UUID id() {
        return item.id();
    }

    public String blob() {
        return item.id().toString();
    }

    public boolean purged() {
        return purgedAt != null;
    }
}
