package org.porchlight.legal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.notify.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for emergency requests whose supervisor review is overdue and tells their agency once,
 * through the notification outbox (addressed to the agency, for its supervisors). Lists and
 * counts flag overdue reviews whether or not this runs; without an outbox nobody is told, and the
 * requests are told about once one arrives. Several nodes may look at once: marking the request
 * decides which one notifies.
 */
@Component(service = {}, configurationPid = LegalConfiguration.PID)
public class OverdueReviews {

    private static final Logger LOG = LoggerFactory.getLogger(OverdueReviews.class);
    private static final int BATCH = 200;
    static final String ACTOR = "legal.overdue-reviews";

    private final LegalRecords records;
    private final AuditLog audit;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-legal-overdue-reviews");
        thread.setDaemon(true);
        return thread;
    });
    /** Overdue requests seen without an outbox at the last look, so the log says it once per change. */
    private int lastUntold = -1;

    @Activate
    public OverdueReviews(@Reference LegalRecords records, @Reference AuditLog audit, LegalConfiguration config) {
        this.records = records;
        this.audit = audit;
        scheduler.scheduleWithFixedDelay(this::look, 2, Math.max(1, config.overdueCheckSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    /** One look: notifies each agency of each newly overdue review. */
    void look() {
        try {
            Outbox outbox = records.outbox();
            if (outbox == null) {
                int untold = records.emergencies().overdueUnnotified(BATCH).size();
                if (untold != lastUntold && untold > 0) {
                    LOG.info("{} emergency request reviews are overdue; no notification outbox runs to tell the agencies", untold);
                }
                lastUntold = untold;
                return;
            }
            lastUntold = -1;
            int told = 0;
            boolean more;
            do {
                List<EmergencyRequests.Overdue> overdue = records.emergencies().overdueUnnotified(BATCH);
                int toldBefore = told;
                for (EmergencyRequests.Overdue request : overdue) {
                    try {
                        if (records.emergencies().notifyOverdue(request, outbox, this::audited)) {
                            told++;
                        }
                    } catch (RuntimeException e) {
                        // One that fails (e.g. the outbox refuses it) must not hold up the others.
                        LOG.warn("Could not notify the overdue review of emergency request {}; trying again at the next look",
                                request.id(), e);
                    }
                }
                // A full batch in which nothing could be told would come back the same: wait for the next look.
                more = overdue.size() == BATCH && told > toldBefore;
            } while (more && !Thread.currentThread().isInterrupted());
            if (told > 0) {
                LOG.info("Told agencies of {} overdue emergency request reviews", told);
            }
        } catch (RuntimeException e) {
            LOG.error("Looking for overdue emergency request reviews failed; trying again at the next look", e);
        }
    }

    /** The notice's entry, written with it: both or neither. */
    private void audited(Connection c, EmergencyRequests.Overdue request) throws SQLException {
        audit.appendWithin(c, new AuditEvent(AuditEvent.Actor.system(ACTOR), request.agency(), "emergency-request.review-overdue",
                "agency=" + request.agency() + " id=" + request.id(), "notified", null));
    }
}
