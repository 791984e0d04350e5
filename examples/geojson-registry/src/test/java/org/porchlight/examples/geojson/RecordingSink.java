package org.porchlight.examples.geojson;

import java.util.ArrayList;
import java.util.List;

import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.registry.RegistrySink;

/** A sink that keeps what a sync hands over, in order, as the registry would receive it. */
final class RecordingSink implements RegistrySink {

    final List<ExternalRegistration> accepted = new ArrayList<>();
    /** {@code <line>:<member>: <reason>} */
    final List<String> rejected = new ArrayList<>();
    final List<String> checkpoints = new ArrayList<>();
    String skipped;

    @Override
    public void accept(ExternalRegistration registration) {
        accepted.add(registration);
    }

    @Override
    public void reject(long line, String column, String reason) {
        rejected.add(line + ":" + column + ": " + reason);
    }

    @Override
    public void checkpoint(String position) {
        checkpoints.add(position);
    }

    @Override
    public void skipped(String reason) {
        skipped = reason;
    }

    List<String> keys() {
        return accepted.stream().map(ExternalRegistration::externalKey).toList();
    }
}
