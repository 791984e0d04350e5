package org.porchlight.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/** Appends to and verifies the audit chain. */
@ProviderType
public interface AuditLog {

    /**
     * Appends {@code event} as the next entry of the chain, durably, before returning. Appends
     * from many threads and nodes are serialised: none is lost and the chain stays unbroken.
     *
     * @return the appended entry, with its sequence number and hashes
     * @throws org.porchlight.api.store.StorageException if the entry could not be written
     */
    AuditEntry append(AuditEvent event);

    /** Recomputes the whole chain and reports the first entry that does not match. */
    AuditVerification verify();
}
