package org.porchlight.rest.health;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

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
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
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
    @Operation(summary = "Whether the server is ready: UP or DEGRADED (200), DOWN (503); the reasons and each check's "
            + "details for platform admins and for local callers")
    public Response health(@Context SecurityContext security, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        HealthReport report = monitor.report(checks);
        if (!operator(security, headers, http)) {
            report = report.withoutDetails();
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(report.httpStatus()).entity(report).cacheControl(noStore).build();
    }

    /**
     * The report with every check's details, as platform admins see it: for the portal's health
     * page ({@code org.porchlight.rest.health.web.HealthPage}), which shows the same checks.
     */
    public HealthReport report() {
        return monitor.report(checks);
    }

    /**
     * Who may see why the server is unhappy (database hosts, component errors): platform admins,
     * and callers on this machine that did not come through a proxy, such as the launcher
     * waiting for start-up or an operator's curl. Load balancers need only the status.
     */
    private static boolean operator(SecurityContext security, HttpHeaders headers, HttpServletRequest http) {
        if (Caller.of(security).filter(c -> c.hasRole(Roles.PLATFORM_ADMIN)).isPresent()) {
            return true;
        }
        boolean proxied = headers.getHeaderString("X-Forwarded-For") != null || headers.getHeaderString("Forwarded") != null;
        return !proxied && http != null && isLoopback(http.getRemoteAddr());
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
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
