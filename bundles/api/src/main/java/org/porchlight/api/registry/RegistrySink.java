package org.porchlight.api.registry;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link CameraRegistryProvider} hands its registrations during one sync. The registry
 * writes in batches; a {@link #checkpoint} commits everything handed over since the previous one
 * together with the position, so a sync that is interrupted resumes exactly there. Every method
 * throws {@link SyncCancelledException} once the sync must stop (the registry or the provider is
 * going away): let it propagate.
 */
@ProviderType
public interface RegistrySink {

    /** A registration to create, update or withdraw. */
    void accept(ExternalRegistration registration);

    /**
     * A record that could not be read; it changes nothing and is listed in the import report.
     *
     * @param line the record's line in the feed, 1 for the header
     * @param column the column at fault, or {@code null} for the whole record
     * @param reason what is wrong, for the agency's staff; never the rejected value itself,
     *        which may hold personal data
     */
    void reject(long line, String column, String reason);

    /** Commits what was handed over so far; {@code position} is given back as {@link SyncRequest#resumeFrom}. */
    void checkpoint(String position);

    /**
     * Says why this sync hands nothing over, e.g. "the folder holds no feed" or "feed x.csv was modified 40 s ago and may
     * still be being written": the import report lists the attempt as {@code SKIPPED} with this reason, and the source's
     * agency sees it. Call it instead of handing anything over (it is ignored once anything was); a later call replaces
     * the reason. Name the problem, never personal data. A sync that hands nothing over without calling it is listed as
     * skipped because the source reported nothing new.
     *
     * @param reason what the agency's staff read, at most 300 characters are kept
     * @since 1.2
     */
    void skipped(String reason);
}
