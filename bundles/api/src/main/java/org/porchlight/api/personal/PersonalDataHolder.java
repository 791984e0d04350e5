package org.porchlight.api.personal;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's part of a resident's personal data: what it holds about an account, for the
 * resident's export, and how it lets go of it when the resident deletes their account.
 *
 * <p>Register it as a service with the property {@value #SECTION}, the name of the section it
 * fills in the export (e.g. {@code cameras}); one holder per section. The identity bundle calls
 * it only for the signed-in resident themselves, never for anyone else.
 *
 * <pre>{@code
 * @Component(property = PersonalDataHolder.SECTION + "=sightings")
 * public class SightingData implements PersonalDataHolder {
 *     public Object export(UUID account) { return rows.byReporter(account); }
 *     public Erasure erase(UUID account) { return new Erasure(rows.deleteByReporter(account), 0); }
 * }
 * }</pre>
 *
 * <p>Rules for {@link #erase}: delete what identifies or describes the resident; keep only what
 * must outlive the account (evidence an agency holds in custody, figures already published), and
 * keep it linked to a pseudonym, never to a name, address or e-mail address. Never rewrite the
 * audit chain.
 *
 * <p>Erase your own rows in one transaction, so that a failure leaves them as they were. What another
 * module lets go of for you (e.g. prepared files discarded through
 * {@link org.porchlight.api.evidence.EvidenceIntake#discard}) happens in that module's own
 * transactions and cannot join yours: call it first, then erase your rows, so that a failure in
 * between leaves your rows as they were and only what the other module already deleted gone. Be
 * idempotent: a deletion that failed (here or in another section) is repeated, and the second call
 * finds nothing left to remove and finishes. A resident's deletion is therefore not atomic across
 * sections or modules; it is complete once every call has returned.
 */
@ConsumerType
public interface PersonalDataHolder {

    /** Service property: the section's name in the export, lower case letters, digits and dashes. */
    String SECTION = "porchlight.personal.section";

    /**
     * What this module holds about {@code account}, as a JSON value: records, maps with string keys,
     * lists, strings, numbers, booleans and {@code java.time} instants (written as ISO-8601), the
     * way the REST core writes response bodies. An account it knows nothing of gives an empty list
     * or map, never {@code null}.
     */
    Object export(UUID account);

    /**
     * Removes or pseudonymises everything this module holds about {@code account}.
     *
     * @return how many rows went and how many stay (pseudonymous), for the resident's receipt
     * @throws RuntimeException if nothing could be erased; the section must then be as it was
     */
    Erasure erase(UUID account);

    /**
     * The modules this holder needs right now and cannot reach (e.g. the evidence store for
     * prepared files), named for an administrator; empty when it can export and erase. The
     * identity bundle asks every holder before it erases anything, and refuses the deletion
     * (503) while any names something, so that no section is erased while another cannot be.
     */
    default List<String> unavailable() {
        return List.of();
    }
}
