package org.porchlight.modules;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * When a module whose configuration changed may serve its held requests again. SCR applies the
 * change after the configuration listeners ran: it re-creates the components that use the PID
 * (their REST resources are unregistered and registered again) or calls their {@code @Modified}
 * method (nothing changes). Either way the module is settled once the resources it registers
 * have stayed the same for a short while and the REST runtime serves all of them.
 */
final class ReconfigurationSettle {

    /** How long the module's resources must stay unchanged; also the least a change is held. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private Set<Long> last;
    private long lastChange;

    ReconfigurationSettle(Set<Long> resources, long now) {
        this.last = Set.copyOf(resources);
        this.lastChange = now;
    }

    /** Another change of the configuration came while this one settled: wait for it as well. */
    synchronized void changedAgain(long now) {
        lastChange = now;
    }

    /**
     * @param own the REST resources the module registers now (service ids)
     * @param served the resources the REST runtime serves now
     */
    synchronized boolean settled(Set<Long> own, Set<Long> served, long now) {
        if (!own.equals(last)) {
            last = Set.copyOf(own);
            lastChange = now;
        }
        return now - lastChange >= QUIET_NANOS && served.containsAll(own);
    }
}
