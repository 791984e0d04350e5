package org.porchlight.api.registry;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An external camera registry (a city programme's spreadsheet, a vendor's system) that feeds
 * registrations into Porchlight. Register one service per source, with the service properties
 * {@link #SOURCE} and {@link #AGENCY}; a plugin serving several sources registers several (one
 * per ConfigAdmin factory configuration). The registry calls {@link #sync} on its own thread,
 * every {@link #INTERVAL} seconds and when the agency asks for an import, never twice at once for
 * a source, on one node of a cluster at a time.
 *
 * <p>Registrations a source supplies belong to the source until their owner claims them; from
 * then on the owner's account controls them and the source's changes no longer apply.
 */
@ConsumerType
public interface CameraRegistryProvider {

    /** Service property: the source's id, 1 to 64 of {@code a-z 0-9 . _ -}, unique on the server. */
    String SOURCE = "porchlight.registry.source";

    /** Service property: the code of the agency that runs the source and may read its import reports. */
    String AGENCY = "porchlight.registry.agency";

    /** Service property (optional): seconds between scheduled syncs, default 300. */
    String INTERVAL = "porchlight.registry.interval";

    /** The pattern source ids follow. */
    String SOURCE_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    /**
     * Hands what changed since {@link SyncRequest#cursor} to {@code sink}, checkpointing as it
     * goes. Returns the cursor for the next sync; return the request's cursor, having handed
     * nothing, when nothing changed.
     *
     * @throws Exception if the source cannot be read; the sync is recorded as failed with the
     *         exception's message, and what was checkpointed stays
     */
    String sync(SyncRequest request, RegistrySink sink) throws Exception;
}
