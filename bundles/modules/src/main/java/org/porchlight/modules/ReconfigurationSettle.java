package org.porchlight.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * When a module whose configuration changed may serve its held requests again. SCR applies the
 * change after the configuration listeners ran: it re-creates the components that use the PID
 * (their REST resources are unregistered and registered again) or calls their {@code @Modified}
 * method (nothing changes). Either way the module is settled once SCR has applied each change
 * (the components' properties are the configuration's: re-created components have registered
 * their resources again by then), the resources it registers have stayed the same for a short
 * while, and the REST runtime serves all of them.
 */
final class ReconfigurationSettle {

    /** How long the module's resources must stay unchanged; also the least a change is held. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private Set<Long> last;
    private long lastChange;
    /** Each change's check whether SCR has applied it; those seen applied are dropped. */
    private final List<BooleanSupplier> pending = new ArrayList<>();

    ReconfigurationSettle(Set<Long> resources, long now, BooleanSupplier applied) {
        this.last = Set.copyOf(resources);
        this.lastChange = now;
        this.pending.add(applied);
    }

    /** Another change of the configuration came while this one settled: wait for it as well. */
    synchronized void changedAgain(long now, BooleanSupplier applied) {
        lastChange = now;
        pending.add(applied);
    }

    /**
     * @param own the REST resources the module registers now (service ids)
     * @param served the resources the REST runtime serves now
     */
    synchronized boolean settled(Set<Long> own, Set<Long> served, long now) {
        pending.removeIf(BooleanSupplier::getAsBoolean);
        if (!pending.isEmpty()) {
            return false;
        }
        if (!own.equals(last)) {
            last = Set.copyOf(own);
            lastChange = now;
        }
        return now - lastChange >= QUIET_NANOS && served.containsAll(own);
    }
}
