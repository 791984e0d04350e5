package org.porchlight.api.registry;

/**
 * What the registry asks of a provider for one sync.
 *
 * @param cursor what the provider returned at the end of the last completed sync, {@code null}
 *        before the first: lets it hand over only what changed (a feed's hash, an ETag, a time)
 * @param resumeFrom the last {@link RegistrySink#checkpoint checkpoint} of a sync that was
 *        interrupted (process killed, bundle stopped), {@code null} if there is none: the provider
 *        may skip what that sync committed, if it is reading the same data, or start over
 * @param full an operator asked for a full import: hand over everything, even if unchanged
 */
public record SyncRequest(String cursor, String resumeFrom, boolean full) {
}
