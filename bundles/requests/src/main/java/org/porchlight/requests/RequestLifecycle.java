package org.porchlight.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.requests.store.RequestRows;
import org.porchlight.requests.store.RequestRows.AgencyRequest;
import org.porchlight.requests.store.WitnessLinkRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends requests whose time is up (their unanswered owners are recorded as not answering) and
 * purges ended requests with their answers once the agency's retention has passed; each expiry and
 * purge is audited in its own transaction. Safe on several nodes at once: every change is
 * conditional, and only the node whose change took effect records it.
 */
@Component(service = {}, configurationPid = RequestsConfiguration.PID)
public class RequestLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLifecycle.class);

    private final Database database;
    private final RequestRows rows;
    private final WitnessLinkRows links = new WitnessLinkRows();
    private final RequestWorkflow workflow;
    private final Agencies agencies;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> next;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-requests-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public RequestLifecycle(@Reference Database database, @Reference JsonCodec json, @Reference RequestWorkflow workflow,
            @Reference Agencies agencies, @Reference AuditLog audit, RequestsConfiguration config) {
        this.database = database;
        this.rows = new RequestRows(json);
        this.workflow = workflow;
        this.agencies = agencies;
        this.audit = audit;
        schedule(config);
    }

    @Modified
    synchronized void schedule(RequestsConfiguration config) {
        if (next != null) {
            next.cancel(false);
        }
        next = scheduler.scheduleWithFixedDelay(this::run, 1, Math.max(1, config.lifecycleCheckSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private void run() {
        try {
            // Each entry is written with its change: a node killed in between loses neither.
            List<AgencyRequest> expired = workflow.expireDue((c, request) -> audit.appendWithin(c, new AuditEvent(
                    AuditEvent.Actor.system("requests"), request.agency(), "request.expired",
                    "agency=" + request.agency() + " id=" + request.id(), "EXPIRED", null)));
            if (!expired.isEmpty()) {
                LOG.info("Expired {} footage requests", expired.size());
            }
            for (AgencyProfile agency : agencies.all()) {
                purge(agency);
            }
        } catch (RuntimeException e) {
            LOG.error("Footage request expiry or purge failed; trying again at the next look", e);
        }
    }

    void purge(AgencyProfile agency) {
        Instant cutoff = clock.instant().minus(workflow.retentionOf(agency));
        List<UUID> due = database.withConnection(c -> rows.dueToPurge(c, agency.code(), cutoff));
        for (UUID id : due) {
            database.inTransaction(c -> {
                boolean purged = rows.purge(c, id, cutoff);
                if (purged) {
                    audit.appendWithin(c, new AuditEvent(AuditEvent.Actor.system("requests"), agency.code(), "request.purged",
                            "agency=" + agency.code() + " id=" + id, "retention", null));
                }
                return purged;
            });
        }
        database.inTransaction(c -> links.purge(c, agency.code(), cutoff));
    }
}
