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
     * @throws IllegalStateException if the actor is a resident and no
     *         {@link org.porchlight.api.security.PseudonymService} is available to name them: a
     *         resident is never recorded by account id
     * @throws IllegalArgumentException if an identifier in the event (an actor's id, the tenant,
     *         the request id) is malformed; descriptions that are too long are shortened instead
     */
    AuditEntry append(AuditEvent event);

    /** Recomputes the whole chain and reports the first entry that does not match. */
    AuditVerification verify();
}
