package org.porchlight.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.registry.SyncCancelledException;
import org.porchlight.api.registry.SyncRequest;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the syncs of every {@link CameraRegistryProvider}: on its interval, and at once when an
 * agency asks. A source syncs on one thread of one node at a time (a lease in the database); a
 * provider that goes away mid-sync (its bundle stopped or updated) is cancelled, and its next
 * sync resumes from the last checkpoint. A provider syncs only while it serves the agency it names
 * ({@link ProviderScope}); until it first does, its source is not recorded, so no agency sees it.
 */
@Component(service = RegistrySync.class, configurationPid = RegistryConfiguration.PID)
public class RegistrySync {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySync.class);
    private static final Pattern SOURCE = Pattern.compile(CameraRegistryProvider.SOURCE_PATTERN);
    private static final Pattern AGENCY = Pattern.compile(Roles.AGENCY_CODE_PATTERN);
    private static final long DEFAULT_INTERVAL_SECONDS = 300;
    /** How long unbinding a provider waits for its sync to stop. */
    private static final long STOP_WAIT_MS = 30_000;
    /** Why a sync that handed nothing over, and did not say why, was skipped. */
    static final String NOTHING_NEW = "the source reported nothing new";

    /** A provider this node runs, and its sync in progress if any. */
    private static final class Source {
        final String id;
        final String agency;
        final CameraRegistryProvider provider;
        final AtomicBoolean running = new AtomicBoolean();
        volatile ScheduledFuture<?> schedule;
        volatile ImportSink current;
        volatile boolean removed;
        /** Recorded in the database (with its agency) once it first served. */
        volatile boolean registered;
        /** Whether it served its agency at the last look, to log the changes only. */
        volatile boolean serving;

        Source(String id, String agency, CameraRegistryProvider provider) {
            this.id = id;
            this.agency = agency;
            this.provider = provider;
        }
    }

    private final Database database;
    private final Registry registry;
    private final AuditLog audit;
    private final ImportRuns runs;
    private final ImportAttempts attempts;
    private final Clock clock = Clock.systemUTC();
    private final Duration lease;
    private final String node = UUID.randomUUID().toString();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final ProviderScope scope;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "porchlight-registry-sync");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public RegistrySync(@Reference Database database, @Reference Registry registry, @Reference AuditLog audit,
            RegistryConfiguration config, BundleContext context) {
        this.scope = new ProviderScope(context.getBundle().getBundleId());
        this.database = database;
        this.registry = registry;
        this.audit = audit;
        this.runs = new ImportRuns(database);
        this.attempts = new ImportAttempts(database);
        this.lease = Duration.ofSeconds(Math.max(5, config.importLeaseSeconds()));
        // A source that starts to serve (its agency enabled the plugin) syncs within seconds, not after its interval.
        scheduler.scheduleWithFixedDelay(this::syncNewlyServing, NEWLY_SERVING_SECONDS, NEWLY_SERVING_SECONDS, TimeUnit.SECONDS);
    }

    /** How often sources that did not serve at the last look are looked at again. */
    private static final int NEWLY_SERVING_SECONDS = 2;

    private void syncNewlyServing() {
        for (Source source : sources.values()) {
            try {
                if (!source.serving && !source.removed && serving(source)) {
                    sync(source);
                }
            } catch (RuntimeException e) { // a failed look must not end the schedule for the others
                LOG.warn("Registry source {}: whether it serves could not be told ({})", source.id, e.getClass().getSimpleName());
            }
        }
    }

    static final String IMPORT_RUNS = "porchlight.registry.import.runs";
    static final String IMPORT_ROWS = "porchlight.registry.import.rows";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Metrics metrics;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(CameraRegistryProvider provider, Map<String, Object> properties) {
        String id = String.valueOf(properties.get(CameraRegistryProvider.SOURCE));
        String agency = String.valueOf(properties.get(CameraRegistryProvider.AGENCY)).toUpperCase(java.util.Locale.ROOT);
        if (!SOURCE.matcher(id).matches() || !AGENCY.matcher(agency).matches()) {
            LOG.error("Ignoring registry provider {} (service {}): it needs the properties {} (pattern {}) and {} (an agency code)",
                    id, properties.get("service.id"), CameraRegistryProvider.SOURCE, CameraRegistryProvider.SOURCE_PATTERN,
                    CameraRegistryProvider.AGENCY);
            return;
        }
        Source source = new Source(id, agency, provider);
        scope.add(provider, properties);
        Source held = sources.putIfAbsent(id, source);
        // A provider that may not sync for the agency it names cannot hold a source id against one that may.
        if (held != null && !serving(held) && scope.serves(provider, agency) && sources.replace(id, held, source)) {
            LOG.warn("Registry source {}: a provider that does not serve agency {} (service {}) gives way to one that does",
                    id, held.agency, properties.get("service.id"));
            scope.remove(held.provider);
            stop(held);
            held = null;
        }
        if (held != null) {
            scope.remove(provider);
            LOG.error("Ignoring a second registry provider for source {} (service {})", id, properties.get("service.id"));
            return;
        }
        long interval = interval(properties.get(CameraRegistryProvider.INTERVAL));
        source.schedule = scheduler.scheduleWithFixedDelay(() -> sync(source), 1, interval, TimeUnit.SECONDS);
        LOG.info("Registry source {} of agency {} bound; syncs every {} s while it serves the agency", id, agency, interval);
    }

    void removeProvider(CameraRegistryProvider provider) {
        for (Source source : sources.values()) {
            if (source.provider == provider && sources.remove(source.id, source)) {
                scope.remove(provider);
                stop(source);
                LOG.info("Registry source {} no longer available", source.id);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setScope(PluginScope pluginScope) {
        scope.scope(pluginScope);
    }

    void unsetScope(PluginScope gone) {
        scope.unscope(gone);
    }

    @Deactivate
    void deactivate() {
        sources.values().forEach(this::stop);
        sources.clear();
        scheduler.shutdownNow();
    }

    /** The ids of the sources a provider on this node serves, for the agency it names. */
    Set<String> available() {
        return sources.values().stream().filter(this::serving).map(s -> s.id).collect(Collectors.toUnmodifiableSet());
    }

    ImportRuns runs() {
        return runs;
    }

    /** Asks for a sync of {@code source} now (a full import if {@code full}); false if no provider serves it here. */
    boolean requestSync(String sourceId, boolean full) {
        if (full) {
            runs.requestFull(sourceId);
        }
        Source source = sources.get(sourceId);
        if (source == null || !serving(source)) {
            return false;
        }
        scheduler.execute(() -> sync(source));
        return true;
    }

    /** Whether the source's provider serves its agency now; logs when that changes. */
    private boolean serving(Source source) {
        boolean now = scope.serves(source.provider, source.agency);
        if (now != source.serving) {
            source.serving = now;
            LOG.info("Registry source {} {} agency {}", source.id, now ? "serves" : "no longer serves (not enabled for)",
                    source.agency);
        }
        return now;
    }

    private void sync(Source source) {
        if (source.removed || !serving(source) || !source.running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!source.registered) {
                runs.register(source.id, source.agency);
                source.registered = true;
            }
            if (!runs.acquire(source.id, node, clock.instant(), clock.instant().plus(lease))) {
                return; // another node syncs it
            }
            try {
                syncHoldingLease(source);
            } finally {
                runs.release(source.id, node);
            }
        } catch (RuntimeException e) {
            LOG.error("Sync of registry source {} could not be recorded", source.id, e);
        } finally {
            source.running.set(false);
        }
    }

    private void syncHoldingLease(Source source) {
        Instant startedAt = clock.instant();
        ImportRuns.Start start = runs.start(source.id, startedAt);
        boolean resuming = start.resumeFrom() != null;
        ImportSink sink = new ImportSink(new ImportSink.Context(database, clock, source.id, source.agency, node, lease,
                registry.importAgencies(source.agency), start.full(), resuming ? start.previous().id() : null,
                start.resumeFrom()));
        source.current = sink;
        ImportRuns.Status status;
        String error = null;
        String cursor = start.cursor();
        try {
            if (source.removed) {
                throw new SyncCancelledException();
            }
            cursor = source.provider.sync(new SyncRequest(start.cursor(), start.resumeFrom(), start.full()), sink);
            sink.finish();
            status = ImportRuns.Status.COMPLETED;
        } catch (SyncCancelledException e) {
            status = ImportRuns.Status.INTERRUPTED;
        } catch (Exception e) {
            status = ImportRuns.Status.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("Sync of registry source {} failed: {}", source.id, error);
        } finally {
            source.current = null;
        }
        UUID run = sink.run();
        Instant now = clock.instant();
        runs.end(source.id, run, status, error, cursor, now);
        count(run == null && status == ImportRuns.Status.COMPLETED ? ImportRuns.Status.SKIPPED : status, sink);
        if (run != null) {
            LOG.info("Sync of registry source {} {}: {}", source.id, status, sink.summary());
            audit.append(new AuditEvent(AuditEvent.Actor.system("registry-sync"), source.agency, "registry.import",
                    "source=" + source.id + " run=" + run, status + " " + sink.summary(), null));
            return;
        }
        // Nothing handed over: still an attempt its agency sees, with why.
        ImportRuns.Status shown = status == ImportRuns.Status.COMPLETED ? ImportRuns.Status.SKIPPED : status;
        String reason = switch (status) {
            case COMPLETED -> sink.skipReason() == null ? NOTHING_NEW : sink.skipReason();
            case INTERRUPTED -> "the plugin was stopped before it handed anything over";
            default -> error;
        };
        ImportAttempts.Recorded recorded = attempts.record(source.id, source.agency, shown, reason, start.full(), startedAt, now);
        if (recorded.added()) {
            LOG.info("Sync of registry source {} {}: {}", source.id, shown, reason);
            audit.append(new AuditEvent(AuditEvent.Actor.system("registry-sync"), source.agency, "registry.import",
                    "source=" + source.id + " run=" + recorded.run(), shown.name(), null));
        }
    }

    /** For the metrics endpoint: the run by its outcome, and its rows by what became of them. */
    private void count(ImportRuns.Status outcome, ImportSink sink) {
        Metrics meters = metrics;
        if (meters == null) {
            return;
        }
        meters.count(IMPORT_RUNS, "Registry import runs by outcome (COMPLETED, SKIPPED, INTERRUPTED, FAILED)", 1,
                "outcome", outcome.name());
        sink.rows().forEach((result, rows) -> meters.count(IMPORT_ROWS,
                "Rows registry imports handed over, by what became of them", rows, "result", result));
    }

    /** Cancels the source's schedule and its sync in progress, and waits for that sync to stop. */
    private void stop(Source source) {
        source.removed = true;
        ScheduledFuture<?> schedule = source.schedule;
        if (schedule != null) {
            schedule.cancel(false);
        }
        ImportSink sink = source.current;
        if (sink != null) {
            sink.cancel();
        }
        // No interrupt: it could land in a database write (H2 closes its file on one). Providers
        // bound their reads with timeouts instead.
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        while (source.running.get() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (source.running.get()) {
            LOG.warn("Sync of registry source {} did not stop within {} ms", source.id, STOP_WAIT_MS);
        }
    }

    private static long interval(Object value) {
        if (value == null) {
            return DEFAULT_INTERVAL_SECONDS;
        }
        try {
            return Math.max(1, Long.parseLong(String.valueOf(value).strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_INTERVAL_SECONDS;
        }
    }
}
