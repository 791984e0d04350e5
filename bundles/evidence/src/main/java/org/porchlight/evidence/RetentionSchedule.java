package org.porchlight.evidence;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.evidence.EvidenceStore;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.evidence.store.EvidenceRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges evidence at the end of its agency's retention ({@value EvidencePolicy#RETENTION_DAYS}
 * days from receipt, the configured default otherwise), on one node at a time (a lease in the
 * database). A purge first deletes the item's wrapped key, so that its content is unreadable
 * wherever a copy of the blob is, and records PURGED in its custody chain; then deletes the blob
 * and appends an audit entry. A purge cut short (store down, audit log down, process killed) is
 * finished by a later run. The same run deletes blobs of uploads that died half-way, and after a
 * master key rotation re-wraps the file keys that older master keys wrapped.
 */
@Component(service = {}, configurationPid = EvidenceConfiguration.PID)
public class RetentionSchedule {

    static final String JOB = "retention";
    static final String ACTOR = "evidence-retention";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** An upload begun this long ago and never recorded died with its process. */
    private static final Duration ABANDONED_UPLOAD = Duration.ofDays(1);

    private final EvidenceRoom room;
    private final EvidenceRecords records;
    private final Agencies agencies;
    private final AuditLog audit;
    private final String node = UUID.randomUUID().toString();
    private final Duration preparedRetention;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-evidence-retention");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public RetentionSchedule(@Reference EvidenceRoom room, @Reference Agencies agencies, @Reference AuditLog audit,
            EvidenceConfiguration config) {
        this.room = room;
        this.records = room.records();
        this.agencies = agencies;
        this.audit = audit;
        this.preparedRetention = Duration.ofHours(Math.max(1, config.preparedRetentionHours()));
        // A first look soon after start, so that a server that is restarted often still purges.
        scheduler.scheduleWithFixedDelay(this::run, 2, Math.max(10, config.retentionCheckSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    void run() {
        try {
            if (!records.lease(JOB, node, room.now(), room.now().plus(LEASE))) {
                return; // another node runs it
            }
            try {
                int unshared = discardUnshared();
                int purged = purgeExpired();
                int finished = finishPurges();
                int swept = sweepUploads();
                int rewrapped = rewrap();
                if (unshared + purged + finished + swept + rewrapped > 0) {
                    LOG.info("Evidence retention: {} prepared files never shared deleted, {} items purged, {} earlier purges "
                            + "finished, {} abandoned uploads removed, {} file keys re-wrapped with the current master key", unshared,
                            purged, finished, swept, rewrapped);
                }
                room.keyCustody().checkKeys();
            } finally {
                records.release(JOB, node);
            }
        } catch (RuntimeException e) {
            LOG.error("Evidence retention run failed; the next run tries again", e);
        }
    }

    /**
     * Files their senders uploaded and never confirmed: the agency never saw them, so they go
     * without a tombstone or an audit entry that would tell it they existed.
     */
    private int discardUnshared() {
        int total = 0;
        int batch;
        do {
            renewLease();
            batch = room.discardUnshared(preparedRetention, BATCH);
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private int purgeExpired() {
        int purged = 0;
        for (String agency : records.agenciesWithEvidence()) {
            int days = agencies.find(agency).map(profile -> policy(profile).retentionDays()).orElse(room.defaults().retentionDays());
            Instant cutoff = room.now().minus(Duration.ofDays(days));
            List<StoredItem> due;
            do {
                renewLease();
                due = records.receivedBefore(agency, cutoff, BATCH);
                for (StoredItem item : due) {
                    if (records.shred(item.id(), room.now(), "system:" + ACTOR,
                            "retention of " + days + " days from receipt ended; file key deleted")) {
                        finish(item, days);
                        purged++;
                    }
                }
            } while (due.size() == BATCH);
        }
        return purged;
    }

    private EvidencePolicy policy(AgencyProfile profile) {
        return EvidencePolicy.of(profile, room.defaults());
    }

    /** Purges whose blob deletion or audit entry did not happen, e.g. while the store was down. */
    private int finishPurges() {
        int finished = 0;
        List<StoredItem> open = records.purgesToComplete(BATCH);
        for (StoredItem item : open) {
            if (finish(item, null)) {
                finished++;
            }
        }
        return finished;
    }

    /** Deletes the purged item's blob, audits the purge and marks it complete; false if that has to wait. */
    private boolean finish(StoredItem item, Integer days) {
        EvidenceStore store = room.store(item.store());
        if (store == null) {
            LOG.warn("Evidence {}: its store {} is not running; its blob is deleted later (its key is gone already)", item.id(), item.store());
            return false;
        }
        try {
            store.delete(item.blob());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Evidence {}: deleting its blob failed ({}); tried again at the next run (its key is gone already)", item.id(),
                    e.toString());
            return false;
        }
        // The entry is written with the mark: a node killed in between neither loses nor doubles it.
        try {
            records.completePurge(item.id(), room.now(), c -> audit.appendWithin(c, new AuditEvent(AuditEvent.Actor.system(ACTOR),
                    item.item().agency(), "evidence.purged", "item=" + item.id(),
                    days == null ? "purged" : "purged after " + days + " days", null)));
        } catch (RuntimeException e) {
            LOG.error("Evidence {}: the purge could not be recorded; tried again at the next run", item.id(), e);
            return false;
        }
        return true;
    }

    private int sweepUploads() {
        int swept = 0;
        for (String[] upload : records.staleUploads(room.now().minus(ABANDONED_UPLOAD), BATCH)) {
            EvidenceStore store = room.store(upload[1]);
            if (store == null) {
                continue;
            }
            try {
                store.delete(upload[0]);
                records.endUpload(upload[0]);
                swept++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove the blob of an abandoned upload from store {}: {}", upload[1], e.toString());
            }
        }
        return swept;
    }

    /** After a master key rotation: file keys the older keys wrapped get the current one, batch by batch. */
    private int rewrap() {
        int total = 0;
        int batch;
        do {
            renewLease();
            batch = room.keyCustody().rewrapOldKeys(BATCH);
            total += batch;
        } while (batch == BATCH);
        if (total > 0) {
            audit.append(new AuditEvent(AuditEvent.Actor.system(ACTOR), null, "evidence.keys-rewrapped", "key=" + room.keyCustody().currentKeyId(),
                    total + " file keys", null));
        }
        return total;
    }

    private void renewLease() {
        if (!records.lease(JOB, node, room.now(), room.now().plus(LEASE))) {
            throw new IllegalStateException("another node took over the retention job");
        }
    }
}
