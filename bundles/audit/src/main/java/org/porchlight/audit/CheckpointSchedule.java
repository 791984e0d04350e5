package org.porchlight.audit;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a checkpoint of the audit chain at the configured interval and once more when it stops.
 * It references the {@link AuditLog} so that it stops before the chain does: the last checkpoint
 * covers what the chain wrote until then.
 */
@Component(service = {}, configurationPid = AuditConfiguration.PID)
@Designate(ocd = AuditConfiguration.class)
public class CheckpointSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpointer checkpointer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-audit-checkpoints");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public CheckpointSchedule(BundleContext context, @Reference Database database, @Reference AuditLog auditLog,
            AuditConfiguration config) {
        CheckpointKeyFile.SigningKey key = CheckpointKeyFile.readOrCreate(
                CheckpointKeyFile.locate(context.getProperty("porchlight.data"), config.checkpointKeyFile()));
        this.checkpointer = new Checkpointer(database, key, Clock.systemUTC());
        checkpointer.publishKey();
        int interval = Math.max(1, config.checkpointIntervalSeconds());
        scheduler.scheduleWithFixedDelay(this::sign, interval, interval, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        sign();
    }

    private void sign() {
        try {
            checkpointer.checkpoint().ifPresent(c -> LOG.debug("Audit checkpoint signed: entry {}", c.sequence()));
        } catch (RuntimeException e) {
            LOG.error("Signing an audit checkpoint failed; the next run tries again", e);
        }
    }
}
