package org.porchlight.api.audit;

import java.sql.Connection;
import java.sql.SQLException;

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

    /**
     * Records {@code event} in the caller's transaction on {@code c}, a connection of the
     * platform's {@link org.porchlight.api.store.Database}: it joins the chain once that
     * transaction has committed (within a second or so, by this node or, if this one stops
     * first, by another), and never if it rolls back. For a change and its entry that must
     * both happen or neither, such as scheduled work a node may die in the middle of; the entry
     * is written with the time it joins the chain. The checks are those of {@link #append}.
     *
     * @throws IllegalStateException if the actor is a resident and no pseudonym service can name them
     * @throws IllegalArgumentException if an identifier in the event is malformed
     * @throws SQLException if the entry could not be recorded on {@code c}
     * @since 1.1
     */
    void appendWithin(Connection c, AuditEvent event) throws SQLException;

    /** Recomputes the whole chain and reports the first entry that does not match. */
    AuditVerification verify();
}
