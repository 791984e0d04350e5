package org.porchlight.rest.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.porchlight.api.health.HealthCheck;

/**
 * Runs the registered checks in parallel, each bounded by a timeout so that a hung check cannot
 * hang the probe, and folds them with the runtime's state into one report. A report is reused
 * for a short while so that frequent probes cost little.
 */
final class HealthMonitor {

    /** What the runtime knows about itself, so that the folding can be tested without a framework. */
    record RuntimeFacts(String startingReason, List<Map<String, Object>> failedComponents,
            List<Map<String, Object>> inactiveBundles) {
    }

    private final ExecutorService executor;
    private final Supplier<RuntimeFacts> runtime;
    private final LongSupplier clock;
    private final long cacheNanos;
    private final long timeoutMillis;
    private final Set<String> required;

    private HealthReport cached;
    private long cachedAt;

    HealthMonitor(ExecutorService executor, Supplier<RuntimeFacts> runtime, LongSupplier nanoClock,
            long cacheMillis, long timeoutMillis, Collection<String> required) {
        this.executor = executor;
        this.runtime = runtime;
        this.clock = nanoClock;
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(cacheMillis);
        this.timeoutMillis = timeoutMillis;
        this.required = Set.copyOf(required);
    }

    synchronized HealthReport report(Collection<HealthCheck> checks) {
        long now = clock.getAsLong();
        if (cached == null || now - cachedAt >= cacheNanos) {
            cached = compute(List.copyOf(checks));
            cachedAt = clock.getAsLong();
        }
        return cached;
    }

    private HealthReport compute(List<HealthCheck> checks) {
        Map<String, Future<HealthCheck.Result>> running = new LinkedHashMap<>();
        Map<String, Boolean> critical = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            String name = check.name();
            critical.put(name, check.critical());
            running.put(name, executor.submit(check::check));
        }
        Map<String, HealthReport.Check> results = new TreeMap<>();
        List<String> down = new ArrayList<>();
        List<String> starting = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Map.Entry<String, Future<HealthCheck.Result>> entry : running.entrySet()) {
            String name = entry.getKey();
            HealthCheck.Result result = await(entry.getValue(), deadline);
            boolean isCritical = critical.get(name) || required.contains(name);
            results.put(name, new HealthReport.Check(result.status().name(), isCritical, result.details()));
            if (result.status() != HealthCheck.Status.UP) {
                String line = name + ": " + result.details().getOrDefault("reason", result.status().name().toLowerCase());
                if (!isCritical) {
                    degraded.add(line);
                } else if (result.status() == HealthCheck.Status.STARTING) {
                    starting.add(line);
                } else {
                    down.add(line);
                }
            }
        }
        RuntimeFacts facts = runtime.get();
        boolean runtimeStarting = facts.startingReason() != null;
        for (String name : required) {
            if (!results.containsKey(name)) {
                // Missing while the framework starts is normal; missing afterwards means its bundle is broken or gone.
                String status = runtimeStarting ? HealthReport.STARTING : HealthReport.DOWN;
                results.put(name, new HealthReport.Check(status, true, Map.of("reason", "not available")));
                (runtimeStarting ? starting : down).add(name + ": not available");
            }
        }

        Map<String, Object> runtimeDetails = new LinkedHashMap<>();
        runtimeDetails.put("failedComponents", facts.failedComponents());
        runtimeDetails.put("inactiveBundles", facts.inactiveBundles());
        if (runtimeStarting) {
            runtimeDetails.put("reason", facts.startingReason());
            starting.add(0, "runtime: " + facts.startingReason());
        }
        for (Map<String, Object> failure : facts.failedComponents()) {
            degraded.add(failure.get("component") + " failed: " + failure.get("reason"));
        }
        for (Map<String, Object> bundle : facts.inactiveBundles()) {
            degraded.add(bundle.get("bundle") + " " + bundle.get("reason"));
        }
        boolean runtimeFailed = !facts.failedComponents().isEmpty() || !facts.inactiveBundles().isEmpty();
        String runtimeStatus = runtimeFailed ? HealthReport.DOWN : runtimeStarting ? HealthReport.STARTING : HealthReport.UP;
        results.put("runtime", new HealthReport.Check(runtimeStatus, false, runtimeDetails));

        if (!down.isEmpty() || !starting.isEmpty()) {
            // Component failures often say why a critical check is missing: keep them in the reason.
            List<String> reasons = new ArrayList<>(down);
            reasons.addAll(starting);
            reasons.addAll(degraded);
            return new HealthReport(down.isEmpty() ? HealthReport.STARTING : HealthReport.DOWN, String.join("; ", reasons), results);
        }
        if (!degraded.isEmpty()) {
            return new HealthReport(HealthReport.DEGRADED, String.join("; ", degraded), results);
        }
        return new HealthReport(HealthReport.UP, null, results);
    }

    private static HealthCheck.Result await(Future<HealthCheck.Result> future, long deadline) {
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            HealthCheck.Result result = future.get(wait, TimeUnit.NANOSECONDS);
            return result == null ? HealthCheck.Result.down("the check returned nothing") : result;
        } catch (TimeoutException e) {
            future.cancel(true);
            return HealthCheck.Result.down("no answer in time");
        } catch (ExecutionException e) {
            return HealthCheck.Result.down("the check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheck.Result.down("interrupted");
        }
    }
}
