package org.porchlight.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.registry.RegistrySink;
import org.porchlight.api.registry.SyncCancelledException;
import org.porchlight.api.store.Database;

/**
 * One sync's sink. What a provider hands over is held until its next checkpoint, then written
 * in one transaction together with the rejections, the run's counts, the checkpoint and the
 * renewed lease: a sync that stops anywhere leaves exactly its checkpoints behind.
 */
final class ImportSink implements RegistrySink {

    /** Written without waiting for a checkpoint beyond this many rows, so memory stays bounded. */
    private static final int MAX_PENDING = 10_000;

    record Context(Database database, Clock clock, String source, String agency, String node, Duration lease,
            Function<GeoPoint, List<String>> agencies, boolean full, UUID resumedFrom, String resumePosition) {
    }

    private final Context context;
    private final List<ExternalRegistration> pending = new ArrayList<>();
    private final List<ImportRuns.Rejection> rejections = new ArrayList<>();
    private volatile boolean cancelled;
    private UUID run;
    private ExternalRegistrations.Outcome total = ExternalRegistrations.Outcome.NONE;
    private long received;
    private long rejected;
    private volatile String skipReason;

    ImportSink(Context context) {
        this.context = context;
    }

    @Override
    public void accept(ExternalRegistration registration) {
        checkCancelled();
        pending.add(registration);
        if (pending.size() >= MAX_PENDING) {
            write(null);
        }
    }

    @Override
    public void reject(long line, String column, String reason) {
        checkCancelled();
        rejections.add(new ImportRuns.Rejection(line, column, reason.length() > 300 ? reason.substring(0, 300) : reason));
    }

    @Override
    public void checkpoint(String position) {
        checkCancelled();
        if (position != null && position.length() > 200) {
            throw new IllegalArgumentException("a checkpoint position is at most 200 characters");
        }
        write(position);
    }

    @Override
    public void skipped(String reason) {
        checkCancelled();
        if (reason != null && !reason.isBlank()) {
            String plain = reason.strip().replaceAll("\\p{Cntrl}", " ");
            skipReason = plain.length() > 300 ? plain.substring(0, 300) : plain;
        }
    }

    /** Why the provider handed nothing over, as it said; {@code null} if it did not say. */
    String skipReason() {
        return skipReason;
    }

    /** Makes every later call throw {@link SyncCancelledException}. */
    void cancel() {
        cancelled = true;
    }

    /** Writes what is left. */
    void finish() {
        if (!pending.isEmpty() || !rejections.isEmpty()) {
            write(null);
        }
    }

    /** The run so far, {@code null} if nothing was written. */
    UUID run() {
        return run;
    }

    /** The rows so far by what became of them: created, updated, unchanged, withdrawn, claimed, rejected. */
    Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("created", total.created());
        rows.put("updated", total.updated());
        rows.put("unchanged", total.unchanged());
        rows.put("withdrawn", total.withdrawn());
        rows.put("claimed", total.claimed());
        rows.put("rejected", rejected);
        return rows;
    }

    String summary() {
        return "received=" + received + " created=" + total.created() + " updated=" + total.updated() + " unchanged="
                + total.unchanged() + " withdrawn=" + total.withdrawn() + " claimed=" + total.claimed() + " rejected=" + rejected;
    }

    private void write(String position) {
        UUID id = run == null ? UUID.randomUUID() : run;
        ExternalRegistrations.Outcome outcome = context.database().inTransaction(c -> {
            var now = context.clock().instant();
            if (!ImportRuns.renew(c, context.source(), context.node(), now.plus(context.lease()))) {
                // Another node took the source over; roll back and stop.
                throw new SyncCancelledException();
            }
            if (run == null) {
                ImportRuns.create(c, id, context.source(), context.agency(), context.full(), context.resumedFrom(),
                        context.resumePosition(), now);
            }
            ExternalRegistrations.Outcome done = ExternalRegistrations.apply(c, KeyLookup.keyByKey(context.database()),
                    context.source(), pending, context.agencies(), now);
            ImportRuns.record(c, id, pending.size(), done, rejections, position);
            return done;
        });
        run = id;
        total = total.plus(outcome);
        received += pending.size();
        rejected += rejections.size();
        pending.clear();
        rejections.clear();
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new SyncCancelledException();
        }
    }
}
