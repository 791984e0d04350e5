package org.porchlight.requests;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends requests whose time is up (their unanswered owners are recorded as not answering) and
 * purges ended requests with their answers once the agency's retention has passed; each purge is
 * audited. Safe on several nodes at once: every change is conditional, and only the node whose
 * change took effect records it.
 */
@Component(service = {}, configurationPid = RequestsConfiguration.PID)
public class RequestLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLifecycle.class);

    private final Database database;
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
    public RequestLifecycle(@Reference Database database, @Reference RequestWorkflow workflow, @Reference Agencies agencies,
            @Reference AuditLog audit, RequestsConfiguration config) {
        this.database = database;
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
            List<RequestWorkflow.Expired> expired = workflow.expireDue();
            for (RequestWorkflow.Expired request : expired) {
                audit.append(new AuditEvent(AuditEvent.Actor.system("requests"), request.agency(), "request.expired",
                        "agency=" + request.agency() + " id=" + request.id(), "EXPIRED", null));
            }
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
        List<UUID> due = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM requests.footage_request WHERE agency_code = ? "
                    + "AND ended_at IS NOT NULL AND ended_at < ? LIMIT 500")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, RequestRows.ts(cutoff));
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
        for (UUID id : due) {
            boolean purged = database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM requests.footage_request WHERE id = ? AND ended_at < ?")) {
                    s.setObject(1, id);
                    s.setTimestamp(2, RequestRows.ts(cutoff));
                    return s.executeUpdate() == 1;
                }
            });
            if (purged) {
                audit.append(new AuditEvent(AuditEvent.Actor.system("requests"), agency.code(), "request.purged",
                        "agency=" + agency.code() + " id=" + id, "retention", null));
            }
        }
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM requests.witness_link WHERE agency_code = ? AND expires_at < ?")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, RequestRows.ts(cutoff));
                return s.executeUpdate();
            }
        });
    }
}
