package org.porchlight.rest.health;

import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.health.HealthCheck;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.rest.RestConfiguration;

import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /api/health}: 200 while the server can serve, 503 with the reason otherwise. */
@Component(service = HealthResource.class, configurationPid = RestConfiguration.PID)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("health")
@PermitAll
public class HealthResource {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

    private final ExecutorService executor;
    private final HealthMonitor monitor;

    @Activate
    public HealthResource(BundleContext context, @Reference ServiceComponentRuntime scr, RestConfiguration config) {
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        RuntimeState runtime = new RuntimeState(context, scr);
        this.monitor = new HealthMonitor(executor,
                () -> new HealthMonitor.RuntimeFacts(runtime.startingReason(), runtime.failedComponents(), runtime.inactiveBundles()),
                System::nanoTime, config.healthCacheMillis(), config.healthCheckTimeoutMillis(),
                List.of(config.requiredHealthChecks()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the server is ready: UP or DEGRADED (200), DOWN (503), with each check's details")
    public Response health() {
        HealthReport report = monitor.report(checks);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(report.httpStatus()).entity(report).cacheControl(noStore).build();
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "porchlight-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
