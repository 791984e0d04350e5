package org.porchlight.evidence;

import java.time.Instant;
import java.util.UUID;

import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.evidence.crypto.MasterKeys.WrappedKey;

/**
 * An item as the evidence bundle keeps it: what {@link EvidenceItem} shows, plus where its
 * content is and its wrapped key ({@code null} once purged), and when it was shared with the
 * agency ({@code null} while it is only prepared).
 */
public record StoredItem(EvidenceItem item, String store, WrappedKey wrappedKey, Instant purgedAt, Instant sharedAt) {

    public StoredItem(EvidenceItem item, String store, WrappedKey wrappedKey, Instant purgedAt) {
        this(item, store, wrappedKey, purgedAt, item.receivedAt());
    }

    public UUID id() {
        return item.id();
    }

    public String blob() {
        return item.id().toString();
    }

    public boolean shared() {
        return sharedAt != null;
    }

    public boolean purged() {
        return purgedAt != null;
    }
}
