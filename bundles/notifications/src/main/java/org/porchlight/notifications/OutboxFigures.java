package org.porchlight.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.metrics.GaugeReading;
import org.porchlight.api.metrics.GaugeSource;
import org.porchlight.api.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox's backlog for the metrics endpoint: what waits to be handed out and delivered, counted at each scrape. */
@Component(service = GaugeSource.class)
public class OutboxFigures implements GaugeSource {

    static final String PENDING_NOTIFICATIONS = "porchlight.outbox.pending.notifications";
    static final String PENDING_DELIVERIES = "porchlight.outbox.pending.deliveries";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxFigures.class);

    private final Database database;

    @Activate
    public OutboxFigures(@Reference Database database) {
        this.database = database;
    }

    @Override
    public List<GaugeReading> read() {
        Map<String, Long> backlog;
        try {
            backlog = database.withConnection(OutboxBacklog::count);
        } catch (RuntimeException e) {
            LOG.debug("The outbox backlog could not be counted: {}", FailureText.describe(e));
            return List.of();
        }
        List<GaugeReading> figures = new ArrayList<>();
        backlog.forEach((channel, count) -> figures.add(channel.isEmpty()
                ? GaugeReading.of(PENDING_NOTIFICATIONS, "Notifications in the outbox not yet handed to their channels", count)
                : new GaugeReading(PENDING_DELIVERIES, "Deliveries waiting to be made or retried, by channel",
                        Map.of("channel", channel), count)));
        if (figures.stream().noneMatch(f -> f.name().equals(PENDING_NOTIFICATIONS))) {
            figures.add(GaugeReading.of(PENDING_NOTIFICATIONS, "Notifications in the outbox not yet handed to their channels", 0));
        }
        return figures;
    }
}
