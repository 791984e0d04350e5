/**
 * The tamper-evident audit log: every state change and every read of a resident's personal
 * data is appended to one hash chain that anyone allowed to read it can verify.
 *
 * <p>The REST core appends an entry for every state-changing call and every call of a method
 * marked {@link org.porchlight.api.security.PersonalData}; bundles append their own entries
 * for work that happens outside a request (expiry, purges, imports), in the transaction of
 * that work where it must not be lost ({@link org.porchlight.api.audit.AuditLog#appendWithin}, 1.1).
 */
@Version("1.1.0")
@Export
package org.porchlight.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
