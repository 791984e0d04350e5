package org.porchlight.evidence;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.porchlight.evidence.crypto.IntegrityException;
import org.porchlight.evidence.crypto.MasterKeys;
import org.porchlight.evidence.store.EvidenceRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which master keys wrap the evidence on record, whether this node holds them all, and re-wrapping
 * file keys with the current master key so that older ones can be retired.
 */
final class MasterKeyCustody {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRoom.class);

    private final EvidenceRecords records;
    private final MasterKeys keys;
    /** Master keys that wrapped evidence not purged and are not configured here; refreshed by the retention job. */
    private volatile Set<String> missingKeys = Set.of();
    private volatile Map<String, Long> filesByMasterKey = Map.of();

    MasterKeyCustody(EvidenceRecords records, MasterKeys keys) {
        this.records = records;
        this.keys = keys;
    }

    String currentKeyId() {
        return keys.currentId();
    }

    Set<String> missingKeys() {
        return missingKeys;
    }

    /** Files not purged per master key id, as of the last look (start, then each retention run). */
    Map<String, Long> filesByMasterKey() {
        return filesByMasterKey;
    }

    /** Counts files per master key and looks for evidence wrapped by master keys this node does not have. */
    void checkKeys() {
        Map<String, Long> counts = records.itemsByMasterKey();
        filesByMasterKey = Map.copyOf(counts);
        Set<String> missing = new TreeSet<>(counts.keySet());
        missing.removeAll(keys.ids());
        if (!missing.isEmpty() && !missing.equals(missingKeys)) {
            LOG.error("Evidence wrapped by the master keys {} cannot be read on this node: those keys are not configured", missing);
        }
        missingKeys = Set.copyOf(missing);
    }

    /**
     * Re-wraps up to {@code limit} file keys that an older master key wrapped with the current one,
     * so that the older key can be retired once none is left. Returns how many were re-wrapped.
     */
    int rewrapOldKeys(int limit) {
        Set<String> older = new LinkedHashSet<>(keys.ids());
        older.remove(keys.currentId());
        int rewrapped = 0;
        for (EvidenceRecords.Wrapped wrapped : records.wrappedBy(older, limit)) {
            byte[] fileKey = null;
            try {
                fileKey = keys.unwrap(wrapped.key(), wrapped.id());
                if (records.rewrap(wrapped.id(), wrapped.key(), keys.wrap(fileKey, wrapped.id()))) {
                    rewrapped++;
                }
            } catch (IntegrityException | MasterKeys.UnknownKeyException e) {
                LOG.error("Evidence {}: its file key could not be re-wrapped: {}", wrapped.id(), e.getMessage());
            } finally {
                if (fileKey != null) {
                    Arrays.fill(fileKey, (byte) 0);
                }
            }
        }
        return rewrapped;
    }
}
