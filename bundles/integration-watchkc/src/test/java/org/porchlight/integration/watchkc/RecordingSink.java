package org.porchlight.integration.watchkc;

import java.util.ArrayList;
import java.util.List;

import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.registry.RegistrySink;
import org.porchlight.api.registry.SyncCancelledException;

/** What a sync handed over, in order; optionally cancels the sync once some checkpoints are committed, as the registry does when it stops. */
final class RecordingSink implements RegistrySink {

    record Rejection(long line, String column, String reason) {
    }

    final List<ExternalRegistration> accepted = new ArrayList<>();
    final List<Rejection> rejected = new ArrayList<>();
    final List<String> checkpoints = new ArrayList<>();
    String skipped;
    private final int cancelAfterCheckpoints;

    RecordingSink() {
        this(Integer.MAX_VALUE);
    }

    RecordingSink(int cancelAfterCheckpoints) {
        this.cancelAfterCheckpoints = cancelAfterCheckpoints;
    }

    @Override
    public void accept(ExternalRegistration registration) {
        stopIfCancelled();
        accepted.add(registration);
    }

    @Override
    public void reject(long line, String column, String reason) {
        stopIfCancelled();
        rejected.add(new Rejection(line, column, reason));
    }

    @Override
    public void checkpoint(String position) {
        stopIfCancelled();
        checkpoints.add(position);
    }

    @Override
    public void skipped(String reason) {
        stopIfCancelled();
        skipped = reason;
    }

    boolean touched() {
        return !accepted.isEmpty() || !rejected.isEmpty() || !checkpoints.isEmpty();
    }

    List<String> acceptedIds() {
        return accepted.stream().map(ExternalRegistration::externalKey).toList();
    }

    private void stopIfCancelled() {
        if (checkpoints.size() >= cancelAfterCheckpoints) {
            throw new SyncCancelledException();
        }
    }
}
