package org.porchlight.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.porchlight.api.health.HealthCheck;

/**
 * Health check {@code schemas}: which bundles could not get their schema ready, and why. A
 * module whose migrations fail does not start, but that must not hide the reason, and the
 * failure is that module's, not the server's: the check is not critical. Failures of bundles
 * that are gone or stopped no longer count.
 */
@Component(service = {HealthCheck.class, SchemaHealth.class})
public class SchemaHealth implements HealthCheck {

    private final BundleContext context;
    private final Map<Long, String> failures = new ConcurrentHashMap<>();

    @Activate
    public SchemaHealth(BundleContext context) {
        this.context = context;
    }

    void failed(Bundle bundle, String reason) {
        failures.put(bundle.getBundleId(), bundle.getSymbolicName() + ": " + reason);
    }

    void succeeded(Bundle bundle) {
        failures.remove(bundle.getBundleId());
    }

    @Override
    public String name() {
        return "schemas";
    }

    @Override
    public Result check() {
        Map<Long, String> current = new TreeMap<>();
        failures.forEach((id, reason) -> {
            Bundle bundle = context.getBundle(id);
            if (bundle != null && (bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                current.put(id, reason);
            } else {
                failures.remove(id);
            }
        });
        return current.isEmpty() ? Result.up(Map.of()) : Result.down(String.join("; ", current.values()));
    }
}
