package org.porchlight.modules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.modules.ModuleManager.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the module manager keeps of what it did: each action in the audit log and the changes
 * metric, and the last files it refused, for the admin view and the health check. Apart from the
 * manager so that its steps record an outcome in one call, and the audit target, the metric's
 * labels and how many refusals are kept are decided in one place.
 */
final class ModuleRecords {

    /** {@code porchlight_modules_changes_total{action="module.update",outcome="swapped"}} counts swaps. */
    static final String CHANGES = "porchlight.modules.changes";

    // Logged under the manager's name, as before: it is the name operators find refusals under.
    private static final Logger LOG = LoggerFactory.getLogger(ModuleManager.class);

    private static final int REFUSALS_KEPT = 50;

    /** A file the manager would not run, for the admin view (its API schema keeps the name clients know). */
    @Schema(name = "ModuleManagerRefusal")
    record Refusal(String file, String reason, String source, Instant at) {
    }

    private final AuditLog audit;
    private final Supplier<Metrics> metrics;
    private final Clock clock;
    private final Deque<Refusal> refusals = new ArrayDeque<>();

    /** {@code metrics} gives the optional metrics service, or null while there is none. */
    ModuleRecords(AuditLog audit, Supplier<Metrics> metrics, Clock clock) {
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The last files refused, oldest first. */
    List<Refusal> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** Keeps, logs and audits the refusal of {@code file}; returns the problem (422) to throw. */
    ProblemException refuse(Path file, Source source, Actor actor, String action, String reason) {
        String from = source.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String name = source == Source.DEPLOY_FOLDER ? file.getFileName().toString() : null;
        synchronized (refusals) {
            if (refusals.size() == REFUSALS_KEPT) {
                refusals.removeFirst();
            }
            refusals.addLast(new Refusal(name, reason, from, clock.instant()));
        }
        LOG.warn("Module refused ({}{}): {}", from, name == null ? "" : " " + name, reason);
        record(actor, null, action, null, null, null, "refused");
        return ModuleManager.problem("module-refused", "Module refused", 422, "The module was refused: " + reason);
    }

    /** Audits an action on a module ({@code from}: the version it replaced, if any) and counts it. */
    void record(Actor actor, String agency, String action, String symbolicName, String version, String from, String outcome) {
        StringBuilder target = new StringBuilder();
        if (symbolicName != null) {
            target.append("module=").append(symbolicName).append(" version=").append(version);
        }
        if (from != null) {
            target.append(" from=").append(from);
        }
        audit.append(new AuditEvent(actor, agency, action, target.toString(), outcome, null));
        Metrics meters = metrics.get();
        if (meters != null) {
            // Action and outcome only: a module's name is the operator's to choose, and its version changes with each swap.
            meters.count(CHANGES, "Module changes (swaps, rollbacks, installs, ...) by action and outcome", 1,
                    "action", action, "outcome", outcome.contains("failed") ? "failed" : outcome);
        }
    }
}
