package org.porchlight.modules;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Swaps a module without failing a request. A servlet filter in front of the REST whiteboard
 * counts the requests in flight to each module (by the routes the whiteboard reports for it).
 * When a module that serves routes begins to stop, however that was asked for (admin API,
 * deploy folder, shell, web console, a refresh), new requests for its routes are held at the
 * door and the stop waits until its requests in flight have finished; once the module is back
 * and the REST runtime serves its routes again, or it is gone for good and its routes with it,
 * the held requests go on. Requests for other modules are never held.
 */
@Component(service = {Filter.class, SwapGuard.class}, configurationPid = ModulesConfiguration.PID, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        // The Jakarta REST whiteboard's own servlet context (jersey.context.path).
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.path=/api)"})
public class SwapGuard implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(SwapGuard.class);
    /** How long a module must stay quiet before a stop without a start counts as final. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /**
     * How long a started new version that does not serve all of the old version's routes, and
     * still has components waiting for a reference (they may register more resources), is given
     * before the routes it dropped are taken as dropped.
     */
    private static final long NEW_ROUTES_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int HISTORY = 200;
    /** Request attributes: the modules a request was counted for, and whether the REST runtime took it in. */
    static final String ENTERED = "org.porchlight.modules.entered";
    static final String INSIDE = "org.porchlight.modules.inside";

    /** One finished swap: how long the module's requests were held. */
    record SwapRecord(long bundleId, String symbolicName, String version, long heldMillis, long drainMillis, boolean timedOut) {
    }

    /** Requests in flight to one module, and the door that holds new ones while it swaps. */
    static final class Traffic {
        final AtomicInteger inFlight = new AtomicInteger();
        /** Of those in flight, the ones the REST runtime has taken in (see {@link SwapGuardInside}). */
        final AtomicInteger inside = new AtomicInteger();
        volatile CountDownLatch hold;
        volatile Pattern routes;
        volatile Set<String> paths = Set.of();

        boolean matches(String path) {
            Pattern p = routes;
            return p != null && p.matcher(path).matches();
        }

        /** Counts the request in, after waiting while the module swaps (at most {@code holdNanos}). */
        void enter(long holdNanos) throws InterruptedException {
            long deadline = System.nanoTime() + holdNanos;
            while (true) {
                CountDownLatch door = hold;
                if (door != null && !door.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    inFlight.incrementAndGet();
                    return; // held too long: go on rather than wait for ever
                }
                inFlight.incrementAndGet();
                if (hold == null) {
                    return;
                }
                inFlight.decrementAndGet(); // a swap began meanwhile: wait for it
            }
        }

        void exit() {
            inFlight.decrementAndGet();
        }
    }

    private final class Swap {
        final Bundle bundle;
        final Traffic traffic;
        final Set<Long> oldResources;
        final Set<String> oldPaths;
        /** For a configuration change, when the module is settled (null: a bundle that stops). */
        final ReconfigurationSettle reconfiguring;
        final long started = System.nanoTime();
        final CompletableFuture<SwapRecord> done = new CompletableFuture<>();
        volatile long lastEvent = started;
        volatile long drainMillis;

        Swap(Bundle bundle, Traffic traffic, Set<Long> oldResources, ReconfigurationSettle reconfiguring) {
            this.bundle = bundle;
            this.traffic = traffic;
            this.oldResources = oldResources;
            this.oldPaths = traffic.paths;
            this.reconfiguring = reconfiguring;
        }
    }

    private final Map<Long, Traffic> traffic = new ConcurrentHashMap<>();
    private final Map<Long, Swap> swaps = new ConcurrentHashMap<>();
    private final Deque<SwapRecord> history = new ArrayDeque<>();
    private volatile List<Traffic> routed = List.of();
    private volatile JakartarsServiceRuntime runtime;
    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    /** Since when a drain has waited for requests that the REST runtime has not taken in (0: it has not). */
    private final AtomicLong drainBlockedSince = new AtomicLong();
    private volatile long holdNanos;
    private volatile long drainNanos;
    private final ScheduledExecutorService watcher;
    private final ServiceRegistration<EventHook> hook;
    private ScheduledFuture<?> watching;

    @Activate
    public SwapGuard(BundleContext context, @Reference ServiceComponentRuntime scr, ModulesConfiguration configuration) {
        this.context = context;
        this.scr = scr;
        modified(configuration);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            // Made lazily, in the thread of the first swap (a request's): it must not log with that request's id.
            Thread t = new Thread(() -> {
                MDC.clear();
                r.run();
            }, "porchlight-swap-guard");
            t.setDaemon(true);
            return t;
        });
        // A bundle event hook sees each event before any listener does: SCR, a synchronous listener
        // too, deactivates the module's components on STOPPING, and its requests must finish first.
        this.hook = context.registerService(EventHook.class, (event, listeners) -> bundleChanged(event), null);
        refreshRoutes();
    }

    @Modified
    void modified(ModulesConfiguration configuration) {
        this.holdNanos = TimeUnit.SECONDS.toNanos(configuration.holdSeconds());
        this.drainNanos = TimeUnit.SECONDS.toNanos(configuration.drainSeconds());
    }

    @Deactivate
    void deactivate() {
        hook.unregister();
        watcher.shutdownNow();
        swaps.values().forEach(swap -> release(swap, true));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, updated = "runtimeChanged")
    void bindRuntime(JakartarsServiceRuntime runtime) {
        this.runtime = runtime;
        refreshRoutes();
    }

    void runtimeChanged(JakartarsServiceRuntime runtime) {
        refreshRoutes();
    }

    void unbindRuntime(JakartarsServiceRuntime runtime) {
        if (this.runtime == runtime) {
            this.runtime = null;
        }
    }

    // ---- the door ----

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getRequestURI().substring(http.getContextPath().length());
        List<Traffic> entered = null;
        try {
            for (Traffic t : routed) {
                if (t.matches(path)) {
                    t.enter(holdNanos);
                    (entered = entered == null ? new ArrayList<>(1) : entered).add(t);
                }
            }
            if (entered != null) {
                request.setAttribute(ENTERED, entered);
            }
            chain.doFilter(request, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while the module swapped", e);
        } finally {
            if (entered != null) {
                if (request.getAttribute(INSIDE) != null) {
                    entered.forEach(t -> t.inside.decrementAndGet());
                }
                entered.forEach(Traffic::exit);
            }
        }
    }

    // ---- swaps ----

    private void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (bundle.getBundleId() == context.getBundle().getBundleId() || frameworkStopping()) {
            return;
        }
        Swap swap = swaps.get(bundle.getBundleId());
        if (swap != null) {
            swap.lastEvent = System.nanoTime();
        }
        if (event.getType() == BundleEvent.STOPPING) {
            begin(bundle, swap, null);
        }
    }

    /**
     * The module's configuration is about to change (see {@link ConfigurationSwaps}): hold its new
     * requests and let those in flight finish, as when it begins to stop.
     */
    void holdWhileReconfigured(Bundle bundle, BooleanSupplier applied) {
        Swap running = swaps.get(bundle.getBundleId());
        if (running != null && running.reconfiguring != null) {
            running.reconfiguring.changedAgain(System.nanoTime(), applied);
        }
        begin(bundle, running, applied);
    }

    /** @param applied for a configuration change, whether SCR has applied it; null for a bundle that stops */
    private void begin(Bundle bundle, Swap running, BooleanSupplier applied) {
        Traffic t = traffic.get(bundle.getBundleId());
        if (t == null || t.routes == null) {
            return; // serves no routes: nothing to hold
        }
        Swap swap = running;
        if (swap == null) {
            t.hold = new CountDownLatch(1);
            Set<Long> resources = RestRoutes.resourcesOf(bundle);
            swap = new Swap(bundle, t, resources, applied != null ? new ReconfigurationSettle(resources, System.nanoTime(), applied) : null);
            swaps.put(bundle.getBundleId(), swap);
            watch();
        }
        // This thread is stopping the bundle: let it stop only once the old version's requests are done.
        long drainStart = System.nanoTime();
        long deadline = drainStart + drainNanos;
        while (t.inFlight.get() > 0 && System.nanoTime() < deadline) {
            // Requests counted at the door but not taken in by the REST runtime wait for a reload
            // that may in turn wait for the caller of this stop (see drainBlocked).
            if (t.inFlight.get() > t.inside.get()) {
                drainBlockedSince.compareAndSet(0, System.nanoTime());
            } else {
                drainBlockedSince.set(0);
            }
            sleep(1);
        }
        drainBlockedSince.set(0);
        if (t.inFlight.get() > 0) {
            LOG.warn("Module {} stops with {} requests still in flight after {} s", bundle.getSymbolicName(), t.inFlight.get(),
                    TimeUnit.NANOSECONDS.toSeconds(drainNanos));
        }
        swap.drainMillis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
    }

    private synchronized void watch() {
        if (watching == null || watching.isDone()) {
            watching = watcher.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        try {
            if (swaps.isEmpty()) {
                synchronized (this) {
                    if (swaps.isEmpty() && watching != null) {
                        watching.cancel(false);
                    }
                }
                return;
            }
            RuntimeDTO dto = runtime == null ? null : runtime.getRuntimeDTO();
            for (Swap swap : swaps.values()) {
                long now = System.nanoTime();
                if (now - swap.started > holdNanos) {
                    LOG.warn("Module {} did not come back within {} s; its held requests go on", swap.bundle.getSymbolicName(),
                            TimeUnit.NANOSECONDS.toSeconds(holdNanos));
                    release(swap, true);
                } else if (dto != null && settled(swap, dto, now)) {
                    release(swap, false);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Swap guard check failed", e);
        }
    }

    /** Whether the module's routes are served again by its new version, or gone with it for good. */
    private boolean settled(Swap swap, RuntimeDTO dto, long now) {
        Map<Long, Set<String>> served = RestRoutes.served(dto);
        if (swap.reconfiguring != null && swap.bundle.getState() == Bundle.ACTIVE) { // else it was stopped meanwhile
            return swap.reconfiguring.settled(RestRoutes.resourcesOf(swap.bundle), served.keySet(), now);
        }
        int state = swap.bundle.getState();
        long quiet = now - swap.lastEvent;
        if (state == Bundle.ACTIVE) {
            Set<Long> own = RestRoutes.resourcesOf(swap.bundle);
            if (!served.keySet().containsAll(own)) {
                return false;
            }
            Set<String> paths = new HashSet<>();
            own.forEach(id -> paths.addAll(served.getOrDefault(id, Set.of())));
            boolean complete = paths.containsAll(swap.oldPaths) || !waitingComponents(swap.bundle);
            return (!own.isEmpty() && complete) || quiet > NEW_ROUTES_NANOS;
        }
        return state != Bundle.STARTING && quiet > SETTLE_NANOS && swap.oldResources.stream().noneMatch(served::containsKey);
    }

    private void release(Swap swap, boolean timedOut) {
        if (!swaps.remove(swap.bundle.getBundleId(), swap)) {
            return;
        }
        CountDownLatch door = swap.traffic.hold;
        swap.traffic.hold = null;
        if (door != null) {
            door.countDown();
        }
        refreshRoutes();
        SwapRecord record = new SwapRecord(swap.bundle.getBundleId(), swap.bundle.getSymbolicName(),
                swap.bundle.getVersion().toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - swap.started),
                swap.drainMillis, timedOut);
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(record);
        }
        swap.done.complete(record);
        LOG.info("Module {} {} swapped: its requests were held {} ms", record.symbolicName(), record.version(), record.heldMillis());
    }

    /**
     * Waits until a swap of the bundle that is under way has settled, and returns it; empty if
     * no swap is under way (the bundle serves no routes, or nothing stopped it).
     */
    Optional<SwapRecord> awaitSwap(long bundleId, long timeoutMillis) {
        Swap swap = swaps.get(bundleId);
        if (swap == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(swap.done.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until the REST runtime has taken in every resource the (started) bundle registered,
     * so that its routes answer; at most {@code timeoutMillis}.
     */
    void awaitServed(Bundle bundle, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            JakartarsServiceRuntime r = runtime;
            if (r == null || RestRoutes.served(r.getRuntimeDTO()).keySet().containsAll(RestRoutes.resourcesOf(bundle))) {
                return;
            }
            sleep(5);
        }
    }

    /**
     * Whether a swap has for a while been waiting for requests that queue behind a reload of the
     * REST runtime. That reload waits for every request in flight, so a request that waits for
     * the swap (an admin API call) must answer first, or all three wait for each other.
     */
    boolean drainBlocked(long forMillis) {
        long since = drainBlockedSince.get();
        return since != 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(forMillis);
    }

    /** Called by {@link SwapGuardInside} once the REST runtime has taken a request in. */
    static void takenIn(Object entered) {
        if (entered instanceof List<?> traffic) {
            traffic.forEach(t -> ((Traffic) t).inside.incrementAndGet());
        }
    }

    List<SwapRecord> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The routes each bundle serves now, as {@code METHOD /path}, for the admin view. */
    Map<Long, Set<String>> routesByBundle() {
        return RestRoutes.byBundle(runtime, context);
    }

    // ---- the route table ----

    private synchronized void refreshRoutes() {
        JakartarsServiceRuntime r = runtime;
        Map<Long, Set<String>> paths = new HashMap<>();
        if (r != null) {
            Map<Long, Long> owners = RestRoutes.owners(context);
            for (Map.Entry<Long, Set<String>> served : RestRoutes.served(r.getRuntimeDTO()).entrySet()) {
                Long owner = owners.get(served.getKey());
                if (owner != null) {
                    paths.computeIfAbsent(owner, k -> new TreeSet<>()).addAll(served.getValue());
                }
            }
        }
        // A swapping module keeps its old routes at the door until its swap settles.
        for (Swap swap : swaps.values()) {
            paths.computeIfAbsent(swap.bundle.getBundleId(), k -> new TreeSet<>()).addAll(swap.oldPaths);
        }
        List<Traffic> table = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> entry : paths.entrySet()) {
            Traffic t = traffic.computeIfAbsent(entry.getKey(), k -> new Traffic());
            if (!entry.getValue().equals(t.paths)) {
                t.routes = RouteTemplates.compile(entry.getValue());
                t.paths = Set.copyOf(entry.getValue());
            }
            table.add(t);
        }
        // Forget bundles that are gone and serve nothing, unless requests still count on them.
        traffic.entrySet().removeIf(e -> !paths.containsKey(e.getKey()) && e.getValue().inFlight.get() == 0
                && e.getValue().hold == null && context.getBundle(e.getKey()) == null);
        traffic.forEach((id, t) -> {
            if (!paths.containsKey(id)) {
                t.routes = null;
                t.paths = Set.of();
            }
        });
        routed = List.copyOf(table);
    }

    /** Whether a component of the bundle still waits for a reference or its configuration. */
    private boolean waitingComponents(Bundle bundle) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean frameworkStopping() {
        Bundle system = context.getBundle(0);
        return system == null || system.getState() == Bundle.STOPPING;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
