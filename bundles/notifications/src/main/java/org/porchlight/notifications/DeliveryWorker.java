package org.porchlight.notifications;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.api.notify.NotificationChannel.Delivery;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.notify.UndeliverableException;
import org.porchlight.api.store.Database;
import org.porchlight.notifications.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications from the outbox to the channels, on every node. All its state is in the
 * database, so a node that dies loses nothing; on PostgreSQL {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} keeps nodes from taking the same work (the embedded H2 has one process, and each kind of
 * work has one claiming thread).
 *
 * <ol>
 * <li><b>Fan-out</b>, one transaction per batch: claims notifications due for it, asks every
 * channel present whether it {@linkplain NotificationChannel#accepts accepts} each, delivers to
 * the {@linkplain TransactionalChannel in-database channels} (the inbox) right there, adds a
 * delivery row for every other accepting channel, and marks the notifications fanned out. Either
 * all of it commits or none: an inbox item exists exactly when its notification is fanned out.</li>
 * <li><b>Deliveries</b> through the other channels (e-mail, webhooks), claimed by a thread of their
 * own as threads of a small pool fall idle, so that a big fan-out does not hold them up:
 * each is claimed with a lease (its due time moves to the end of the lease, its attempt count goes
 * up), delivered, and recorded as delivered, due again after a back-off, or failed after
 * {@code maxAttempts}. A node that dies mid-delivery leaves the lease to run out; the delivery is
 * then tried again with the same id, which channels may use to recognise the repeat.</li>
 * </ol>
 *
 * <p>It looks for work every {@code pollIntervalMillis}, and every 20 ms for a few seconds after
 * a notification was enqueued on this node (the enqueue cannot tell when its transaction commits).
 */
@Component(service = DeliveryWorker.class, configurationPid = NotificationsConfiguration.PID)
@Designate(ocd = NotificationsConfiguration.class)
public class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private final Database database;
    /** Row locks where nodes share the database; the embedded H2 has one process, with one claiming thread per kind of work. */
    private final boolean lockRows;
    private final Clock clock = Clock.systemUTC();
    private final int batchSize;
    private final int maxAttempts;
    private final int threads;
    private final Duration lease;
    private final BackOff backOff;

    /** The channels present, by name; the first service of a name wins. */
    private final Map<String, NotificationChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, ChannelTrouble> trouble = new ConcurrentHashMap<>();

    /** Failed delivery tries; {@code porchlight_outbox_delivery_failures_total} on the Prometheus endpoint. */
    static final String DELIVERY_FAILURES = "porchlight.outbox.delivery.failures";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Metrics metrics;

    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set by a fan-out that added deliveries, so that the dispatcher looks once it commits. */
    private final AtomicBoolean created = new AtomicBoolean();
    private final WorkLoop fanOuts;
    /** Channels that arrived and still look through what was handed out before, with where they are. */
    private final Map<String, CatchUp> catchingUp = new ConcurrentHashMap<>();
    private final Duration catchUpWindow;
    private final WorkLoop deliveries;
    private final StaffRouting routing;
    private final SubjectLookup subjects;
    private final LateDelivery late;

    @Activate
    public DeliveryWorker(@Reference Database database, @Reference StaffRouting routing, @Reference SubjectLookup subjects,
            NotificationsConfiguration config) {
        this.database = database;
        this.routing = routing;
        this.subjects = subjects;
        this.late = new LateDelivery(Duration.ofMinutes(Math.max(1, config.lateDeliveryMaxAgeMinutes())));
        this.lockRows = !"H2".equals(database.productName());
        this.batchSize = Math.max(1, config.batchSize());
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.threads = Math.max(1, config.deliveryThreads());
        long pollMillis = Math.max(50, config.pollIntervalMillis());
        this.lease = Duration.ofSeconds(Math.max(5, config.leaseSeconds()));
        Duration base = Duration.ofSeconds(Math.max(1, config.backoffBaseSeconds()));
        this.backOff = new BackOff(base, Duration.ofSeconds(Math.max(base.toSeconds(), config.backoffMaxSeconds())));
        long workFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, config.startDelaySeconds()));
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "porchlight-notifications-delivery-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Two loops, so that a big fan-out does not hold up deliveries, nor slow deliveries a fan-out.
        this.catchUpWindow = Duration.ofMinutes(Math.max(0, config.catchUpMinutes()));
        this.fanOuts = new WorkLoop("porchlight-notifications-fan-out", () -> fanOut() || catchUp(), workFrom, pollMillis);
        this.deliveries = new WorkLoop("porchlight-notifications-dispatch", this::dispatch, workFrom, pollMillis);
        fanOuts.thread.start();
        deliveries.thread.start();
    }

    @Reference(service = NotificationChannel.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addChannel(NotificationChannel channel, Map<String, Object> properties) {
        Instant arrived = clock.instant();
        Object name = properties.get(NotificationChannel.NAME);
        if (!(name instanceof String n) || !CHANNEL_NAME.matcher(n).matches()) {
            LOG.warn("A notification channel without a valid {} (1 to 32 of a-z 0-9 -) is ignored: {}", NotificationChannel.NAME,
                    channel.getClass().getName());
            return;
        }
        if (channels.putIfAbsent(n, channel) != null) {
            LOG.warn("Two notification channels are named {}; the first one stays, {} is ignored", n, channel.getClass().getName());
            return;
        }
        LOG.info("Notification channel {} is available", n);
        if (!(channel instanceof TransactionalChannel)) {
            // What was handed out while it was away (a restart, an update) still reaches it.
            catchingUp.put(n, new CatchUp(arrived.minus(catchUpWindow), arrived, Instant.EPOCH, new UUID(0, 0)));
        }
        if (fanOuts != null) {
            fanOuts.signal(false);
            deliveries.signal(false);
        }
    }

    void removeChannel(NotificationChannel channel, Map<String, Object> properties) {
        Object name = properties.get(NotificationChannel.NAME);
        if (name instanceof String n && channels.remove(n, channel)) {
            LOG.info("Notification channel {} went away", n);
        }
    }

    /** Something was enqueued on this node: look for work often for a while, since the enqueue commits soon. */
    void nudge() {
        fanOuts.signal(true);
    }

    @Deactivate
    void stop() throws InterruptedException {
        fanOuts.stop();
        deliveries.stop();
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Deliveries still running at stop are tried again when their lease ends");
        }
    }

    /** Where a channel's catch-up is: handed out from {@code since} to {@code until}, read up to ({@code afterTime}, {@code afterId}). */
    private record CatchUp(Instant since, Instant until, Instant afterTime, UUID afterId) {
    }

    /**
     * Offers a channel that arrived one page of what was handed out before it came, adding the
     * deliveries it accepts (none twice: a delivery's id is derived from notification and channel).
     * True while there is more.
     */
    boolean catchUp() {
        Iterator<Map.Entry<String, CatchUp>> pending = catchingUp.entrySet().iterator();
        if (!pending.hasNext()) {
            return false;
        }
        Map.Entry<String, CatchUp> next = pending.next();
        String name = next.getKey();
        CatchUp at = next.getValue();
        NotificationChannel channel = channels.get(name);
        if (channel == null) {
            catchingUp.remove(name, at);
            return true;
        }
        List<OutboxStore.FannedOut> page = database.withConnection(c -> OutboxStore.fannedOut(c, at.since(), at.until(), at.afterTime(),
                at.afterId(), batchSize));
        List<OutboxStore.Stored> accepted = page.stream().map(OutboxStore.FannedOut::stored)
                .filter(s -> accepts(name, channel, s)).toList();
        Instant now = clock.instant();
        // It comes late to all of them: only the fresh ones are worth asking their owners about.
        List<OutboxStore.Stored> fresh = accepted.stream().filter(s -> !late.tooOld(s.createdAt(), now)).toList();
        List<NotificationSubjects.Subject> found = subjects.of(fresh.stream().map(OutboxStore.Stored::notification).toList());
        Map<UUID, NotificationSubjects.Subject> subjectOf = new HashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            subjectOf.put(fresh.get(i).id(), found.get(i));
        }
        Map<UUID, List<String>> missed = new HashMap<>();
        List<OutboxStore.Skip> skipped = new ArrayList<>();
        for (OutboxStore.Stored s : accepted) {
            String reason = late.skipReason(s.createdAt(), now, subjectOf.get(s.id()));
            if (reason == null) {
                missed.put(s.id(), List.of(name));
            } else {
                skipped.add(new OutboxStore.Skip(s.id(), name, reason));
            }
        }
        if (!missed.isEmpty() || !skipped.isEmpty()) {
            database.inTransaction(c -> {
                OutboxStore.addDeliveries(c, missed, now);
                OutboxStore.addSkipped(c, skipped, now);
                return null;
            });
            deliveries.signal(false);
        }
        if (page.size() < batchSize) {
            catchingUp.remove(name, at);
        } else {
            OutboxStore.FannedOut last = page.get(page.size() - 1);
            catchingUp.replace(name, at, new CatchUp(at.since(), at.until(), last.at(), last.stored().id()));
        }
        return true;
    }

    /** Fans out one batch; true if there was any (there may be more). */
    boolean fanOut() {
        if (!channels.containsKey(Inbox.CHANNEL)) {
            // The inbox lives in the database and has no catch-up: a notification fanned out before
            // it is bound (this bundle's components start in no set order) would never reach it.
            return false;
        }
        List<OutboxStore.Stored> claimed = new ArrayList<>();
        try {
            database.inTransaction(c -> {
                fanOut(c, batchSize, claimed);
                return null;
            });
            if (created.getAndSet(false)) {
                deliveries.signal(false);
            }
            return !claimed.isEmpty();
        } catch (RuntimeException e) {
            if (claimed.isEmpty()) {
                throw e;
            }
            if (claimed.size() > 1) {
                // One bad notification must not hold up the others: find it by going one at a time.
                LOG.warn("Handing {} notifications to the channels failed ({}); trying them one at a time", claimed.size(), FailureText.describe(e));
                for (int i = 0; i < claimed.size(); i++) {
                    fanOutAlone();
                }
            } else {
                fanOutFailed(claimed.get(0), e);
            }
            return true;
        }
    }

    private void fanOutAlone() {
        List<OutboxStore.Stored> claimed = new ArrayList<>(1);
        try {
            database.inTransaction(c -> {
                fanOut(c, 1, claimed);
                return null;
            });
        } catch (RuntimeException e) {
            if (claimed.isEmpty()) {
                throw e;
            }
            fanOutFailed(claimed.get(0), e);
        }
    }

    private void fanOutFailed(OutboxStore.Stored notification, RuntimeException cause) {
        int attempts = notification.attempts() + 1;
        Instant next = attempts >= maxAttempts ? null : clock.instant().plus(backOff.delay(attempts, ThreadLocalRandom.current()));
        database.inTransaction(c -> {
            OutboxStore.fanOutFailed(c, notification.id(), attempts, next);
            return null;
        });
        if (next == null) {
            LOG.warn("Notification {} could not be handed to the channels in {} tries and is marked failed ({})", notification.id(),
                    attempts, FailureText.describe(cause));
        } else {
            LOG.warn("Notification {} could not be handed to the channels (try {}, {}); trying again later", notification.id(), attempts,
                    FailureText.describe(cause));
        }
    }

    private void fanOut(Connection c, int limit, List<OutboxStore.Stored> claimed) throws SQLException {
        Instant now = clock.instant();
        List<OutboxStore.Stored> batch = OutboxStore.claimFanOut(c, now, limit, lockRows);
        if (batch.isEmpty()) {
            return;
        }
        // Staff of an agency hear of what it is told as people; their copies are fanned out in the next round.
        // Looked up before the batch counts as claimed: if the staff directory fails, the loop backs off
        // and no notification is charged a try for it.
        List<StaffRouting.Copy> copies = routing.copies(batch);
        claimed.addAll(batch);
        if (!copies.isEmpty()) {
            OutboxStore.insertCopies(c, copies, now);
        }
        Map<String, NotificationChannel> present = new TreeMap<>(channels);
        Map<TransactionalChannel, List<Delivery>> here = new LinkedHashMap<>();
        Map<UUID, List<String>> later = new HashMap<>();
        List<OutboxStore.Skip> skipped = new ArrayList<>();
        List<UUID> ids = new ArrayList<>(batch.size());
        for (OutboxStore.Stored s : batch) {
            ids.add(s.id());
            for (Map.Entry<String, NotificationChannel> channel : present.entrySet()) {
                if (!accepts(channel.getKey(), channel.getValue(), s)) {
                    continue;
                }
                if (channel.getValue() instanceof TransactionalChannel inDatabase) {
                    here.computeIfAbsent(inDatabase, k -> new ArrayList<>())
                            .add(new Delivery(OutboxStore.deliveryId(s.id(), channel.getKey()), s.notification(), 1));
                } else if (late.tooOld(s.createdAt(), now)) {
                    // Handed out long after it was enqueued (the nodes were down): no burst of stale alerts.
                    skipped.add(new OutboxStore.Skip(s.id(), channel.getKey(), late.skipReason(s.createdAt(), now, null)));
                } else {
                    later.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(channel.getKey());
                }
            }
        }
        for (Map.Entry<TransactionalChannel, List<Delivery>> e : here.entrySet()) {
            e.getKey().deliverAll(c, e.getValue());
        }
        OutboxStore.fannedOut(c, ids, later, skipped, now);
        if (!later.isEmpty()) {
            created.set(true);
        }
    }

    private boolean accepts(String name, NotificationChannel channel, OutboxStore.Stored s) {
        try {
            return channel.accepts(s.notification());
        } catch (RuntimeException e) {
            trouble.computeIfAbsent("accepts:" + name, k -> new ChannelTrouble(
                    "Channel {} could not decide on {} notifications, which it does not get (latest: {})")).happened(name, e, clock.instant());
            return false;
        }
    }

    /** Claims as many due deliveries as there are idle threads; true if that filled them (there may be more). */
    boolean dispatch() {
        int free = threads - inFlight.get();
        if (free <= 0) {
            return false;
        }
        Instant now = clock.instant();
        List<String> present = channels.entrySet().stream().filter(e -> !(e.getValue() instanceof TransactionalChannel))
                .map(Map.Entry::getKey).sorted().toList();
        List<OutboxStore.Claimed> claimed = database.inTransaction(
                c -> OutboxStore.claimDeliveries(c, present, now, now.plus(lease), free, lockRows));
        for (OutboxStore.Claimed delivery : claimed) {
            inFlight.incrementAndGet();
            try {
                pool.execute(() -> deliver(delivery));
            } catch (RejectedExecutionException stopping) {
                inFlight.decrementAndGet(); // its lease runs out and it is tried again
            }
        }
        return claimed.size() == free;
    }

    private void deliver(OutboxStore.Claimed d) {
        try {
            NotificationChannel channel = channels.get(d.channel());
            if (channel == null) { // went away since the claim (an update): it waits for the channel, the try not counted
                database.inTransaction(c -> OutboxStore.released(c, d.id(), d.attempt(), clock.instant()));
                return;
            }
            Throwable failure = null;
            try {
                channel.deliver(new Delivery(d.id(), d.notification().notification(), d.attempt()));
            } catch (Exception | LinkageError e) {
                failure = e;
            }
            Instant now = clock.instant();
            if (failure == null) {
                database.inTransaction(c -> OutboxStore.delivered(c, d.id(), d.attempt(), now));
                return;
            }
            // A channel that knows no try can succeed (UndeliverableException) ends the delivery now.
            boolean last = d.attempt() >= maxAttempts || failure instanceof UndeliverableException;
            Instant next = last ? null : now.plus(backOff.delay(d.attempt(), ThreadLocalRandom.current()));
            String error = FailureText.detail(failure);
            database.inTransaction(c -> OutboxStore.failed(c, d.id(), d.attempt(), next, error, now));
            Metrics meters = metrics;
            if (meters != null) {
                meters.count(DELIVERY_FAILURES, "Delivery tries that failed, by channel and whether they are retried or failed for good",
                        1, "channel", d.channel(), "outcome", last ? "failed" : "retried");
            }
            if (last) {
                LOG.warn("Delivery {} of notification {} through {} failed for good after {} tries ({})", d.id(), d.notification().id(),
                        d.channel(), d.attempt(), failure.getClass().getName());
            } else {
                trouble.computeIfAbsent("deliver:" + d.channel(), k -> new ChannelTrouble(
                        "Channel {}: {} deliveries failed and are retried later (latest: {})")).happened(d.channel(), failure, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("The outcome of delivery {} could not be recorded ({}); it is tried again when its lease ends", d.id(), FailureText.describe(e));
        } finally {
            inFlight.decrementAndGet();
            deliveries.signal(false);
        }
    }
}
