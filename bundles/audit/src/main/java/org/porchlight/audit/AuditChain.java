package org.porchlight.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.store.Database;
import org.porchlight.audit.chain.CheckpointKey;
import org.porchlight.audit.chain.CheckpointSignature;
import org.porchlight.audit.chain.EntryHash;
import org.porchlight.audit.chain.LogCheck;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.AuditTables.ChainHead;
import org.porchlight.audit.store.ChainAppender;
import org.porchlight.audit.store.CheckpointTables;
import org.porchlight.audit.store.PendingEntries;
import org.porchlight.audit.store.PendingEntries.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a hash chain in the database ({@link EntryHash} says what is hashed).
 *
 * <p>Appends are queued for one writer thread, which commits all that are waiting in one
 * transaction; callers wait without holding a connection. Each transaction locks the chain's head
 * row, so the writers of every node take turns. The writer remembers the head it committed last,
 * but only to try it: the database moves the head only from where it really is.
 */
@Component(service = AuditLog.class)
public class AuditChain implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);

    private final Database database;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;
    /** At most this many entries per transaction, so that one commit stays short. */
    private static final int MAX_BATCH = 256;
    /** The writer gives its connection back to the pool after this long without entries. */
    private static final long IDLE_MILLIS = 200;
    /** The head as the writer last committed it, or null: read it under the lock. Only the writer thread uses it. */
    private ChainHead knownHead;
    /** How often the writer looks for entries a stopped node recorded but did not move. */
    private static final long PENDING_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long after this node recorded an entry the writer keeps looking often. */
    private static final long NUDGED_NANOS = TimeUnit.SECONDS.toNanos(5);
    private volatile long nudgedAt = System.nanoTime() - NUDGED_NANOS;
    /** Only the writer thread uses it. */
    private long lastPendingLook = System.nanoTime() - PENDING_SWEEP_NANOS;

    /** From the identity bundle; while it is missing, residents' actions cannot be audited. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PseudonymService pseudonyms;

    /** For the metrics endpoint, while it runs: {@code porchlight_audit_appends_total} and its kin. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Metrics metrics;
    static final String APPENDS = "porchlight.audit.appends";
    static final String COMMITS = "porchlight.audit.commits";
    static final String APPEND_FAILURES = "porchlight.audit.append.failures";

    @Activate
    public AuditChain(@Reference Database database) {
        this(database, Clock.systemUTC());
    }

    AuditChain(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.writer = new Thread(this::writeLoop, "porchlight-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * @throws IllegalStateException if the actor is a resident and no {@link PseudonymService}
     *         is there to name them: their id is never stored
     * @throws IllegalArgumentException if an identifier (actor id, tenant, request id) is malformed
     */
    @Override
    public AuditEntry append(AuditEvent event) {
        Pending mine = new Pending(fields(event));
        if (!running) {
            throw new IllegalStateException("The audit log is stopping");
        }
        queue.add(mine);
        while (true) {
            try {
                return mine.result().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (!writer.isAlive() && queue.remove(mine)) {
                    // queued just as the writer stopped: nobody will write it
                    throw new IllegalStateException("The audit log stopped");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the audit entry was being written", e);
            }
        }
    }

    /** Whatever the input makes fail, fails here: before a lock or a connection is taken. */
    private Fields fields(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return new Fields(actor(event.actor()), FieldLimits.tenant(event.tenant()),
                FieldLimits.text(event.action(), FieldLimits.ACTION), FieldLimits.text(event.target(), FieldLimits.TARGET),
                FieldLimits.text(event.outcome(), FieldLimits.OUTCOME), event.requestId() == null ? null
                        : FieldLimits.identifier("request id", event.requestId(), FieldLimits.REQUEST_ID));
    }

    @Override
    public void appendWithin(Connection c, AuditEvent event) throws SQLException {
        PendingEntries.insert(c, fields(event));
        nudgedAt = System.nanoTime(); // the writer looks soon, and again until the caller has committed
    }

    /**
     * Whether the writer should look for entries recorded in other transactions now: often for
     * a while after this node recorded one (its caller commits after the call), and every
     * {@link #PENDING_SWEEP_NANOS} otherwise, for those of a node that stopped before it moved them.
     */
    private boolean pendingDue() {
        long now = System.nanoTime();
        long interval = now - nudgedAt < NUDGED_NANOS ? TimeUnit.MILLISECONDS.toNanos(100) : PENDING_SWEEP_NANOS;
        if (now - lastPendingLook < interval) {
            return false;
        }
        lastPendingLook = now;
        return true;
    }

    /** Moves the entries recorded in other transactions into the chain, in the order they were recorded. */
    private void movePending() {
        try {
            database.withConnection(c -> {
                if (!PendingEntries.any(c)) {
                    return null;
                }
                try (ChainAppender appender = new ChainAppender(c, "PostgreSQL".equals(database.productName()))) {
                    List<AuditEntry> moved;
                    do {
                        moved = appender.appendPending(MAX_BATCH, this::chain);
                        if (!moved.isEmpty()) {
                            AuditEntry last = moved.get(moved.size() - 1);
                            knownHead = new ChainHead(last.sequence(), last.hash());
                            count(APPENDS, "Entries appended to the audit chain", moved.size());
                            count(COMMITS, "Transactions that appended entries (group commit: several entries each under load)", 1);
                        }
                    } while (moved.size() == MAX_BATCH);
                }
                return null;
            });
        } catch (RuntimeException e) {
            knownHead = null;
            LOG.warn("Could not move recorded audit entries into the chain; they stay recorded and are tried again", e);
        }
    }

    /**
     * Group commit: one writer thread takes every entry queued so far and writes them in one
     * transaction. Each caller still returns only once its own entry is committed; under load,
     * many share a commit instead of queueing for the lock one by one.
     */
    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    session(first);
                }
                if (pendingDue()) {
                    movePending();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result().completeExceptionally(new IllegalStateException("The audit log stopped")));
    }

    /**
     * Commits batch after batch on one connection, held while entries keep coming and given back
     * to the pool after {@value #IDLE_MILLIS} ms without any, with its statements prepared once.
     * A failure fails the batch it happened in and ends the session: the next batch starts afresh.
     */
    private void session(Pending first) {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        try {
            database.withConnection(c -> {
                try (ChainAppender appender = new ChainAppender(c, "PostgreSQL".equals(database.productName()))) {
                    while (!batch.isEmpty()) {
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                        commit(appender, batch);
                        batch.clear();
                        Pending next = running ? queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS) : queue.poll();
                        if (next != null) {
                            batch.add(next);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the batch is empty: interrupted while waiting for the next
                }
                return null;
            });
        } catch (RuntimeException e) {
            knownHead = null;
            count(APPEND_FAILURES, "Audit entries that could not be appended (their callers got the error)", batch.size());
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** Writes {@code batch} after the chain's head and commits it. */
    private void commit(ChainAppender appender, List<Pending> batch) throws SQLException {
        // The head this writer committed last is where the chain still ends, unless another node
        // appended since: then the batch follows the head as read under its lock.
        List<AuditEntry> entries = null;
        try {
            if (knownHead != null) {
                entries = chain(knownHead, fieldsOf(batch));
                if (!appender.appendAfter(knownHead, entries)) {
                    entries = null;
                }
            }
            if (entries == null) {
                entries = appender.appendLocked(head -> chain(head, fieldsOf(batch)));
            }
        } catch (SQLException | RuntimeException e) {
            knownHead = null;
            throw e;
        }
        AuditEntry last = entries.get(entries.size() - 1);
        knownHead = new ChainHead(last.sequence(), last.hash());
        count(APPENDS, "Entries appended to the audit chain", entries.size());
        count(COMMITS, "Transactions that appended entries (group commit: several entries each under load)", 1);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(entries.get(i));
        }
    }

    /**
     * The entries of {@code batch}, linked after {@code head}. Their time is read after the head
     * they follow was committed (a head another node moved is read again, and the time with it),
     * so that entries are in time order across nodes too.
     */
    private List<AuditEntry> chain(ChainHead head, List<Fields> batch) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long sequence = head.sequence();
        String previous = head.hash();
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (Fields p : batch) {
            sequence++;
            AuditEntry draft = new AuditEntry(sequence, at, p.actor(), p.tenant(), p.action(), p.target(), p.outcome(),
                    p.requestId(), previous, null);
            AuditEntry entry = new AuditEntry(sequence, at, p.actor(), p.tenant(), p.action(), p.target(), p.outcome(),
                    p.requestId(), previous, EntryHash.of(draft));
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    private void count(String name, String description, long amount) {
        Metrics meters = metrics;
        if (meters != null) {
            meters.count(name, description, amount);
        }
    }

    /** Stops taking entries; those queued are written first. */
    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }

    /** An event waiting to be written, with its checked fields. */
    private record Pending(Fields fields, CompletableFuture<AuditEntry> result) {
        Pending(Fields fields) {
            this(fields, new CompletableFuture<>());
        }
    }

    private static List<Fields> fieldsOf(List<Pending> batch) {
        return batch.stream().map(Pending::fields).toList();
    }

    /**
     * Recomputes the chain and checks it against every stored checkpoint: a checkpoint whose
     * signature fails, one past the last entry (a deleted tail) and one whose entry's hash differs
     * (a rewrite after it was signed) are reported as well as a broken link.
     */
    @Override
    public AuditVerification verify() {
        // Read committed is enough: the entries are streamed first and the head read after them,
        // and as each head is committed with its entry, the head never lags behind what was seen.
        AuditVerification result = database.inTransaction(c -> {
            LogCheck check = new LogCheck(CheckpointTables.all(c), keys(CheckpointTables.keys(c)));
            AuditTables.forEach(c, 0, Long.MAX_VALUE, check::next);
            ChainHead head = AuditTables.head(c);
            if (!check.broken() && head.sequence() > check.lastSequence()) {
                // Appended while we streamed, or missing: committed before the head was read, so visible now.
                AuditTables.forEach(c, check.lastSequence(), head.sequence(), check::next);
            }
            check.end(head.sequence(), head.hash());
            return check.result();
        });
        if (result.intact()) {
            LOG.info("Audit chain verified: {} entries intact", result.entries());
        } else {
            LOG.warn("Audit chain broken at entry {}: {}", result.firstBroken(), result.reason());
        }
        return result;
    }

    /** The published keys that are well-formed, by id; checkpoints of any other key are reported by the check. */
    private static Map<String, PublicKey> keys(List<CheckpointKey> published) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (CheckpointKey key : published) {
            try {
                keys.put(key.keyId(), CheckpointSignature.publicKey(key));
            } catch (IllegalArgumentException e) {
                LOG.warn("Audit checkpoint key {} is malformed: {}", key.keyId(), e.getMessage());
            }
        }
        return keys;
    }

    /** The actor as entries name it; a resident by their platform pseudonym, never by id. */
    String actor(AuditEvent.Actor actor) {
        return switch (actor.kind()) {
            case ANONYMOUS -> "anonymous";
            case ACCOUNT -> "account:" + uuid(actor.id(), "an account actor's id");
            case RESIDENT -> resident(uuid(actor.id(), "a resident actor's id"));
            case API_KEY -> "api-key:" + FieldLimits.identifier("an API key actor's id", actor.id(), FieldLimits.ACTOR_ID);
            case SYSTEM -> "system:" + FieldLimits.identifier("a system actor's component", actor.id(), FieldLimits.ACTOR_ID);
        };
    }

    private String resident(UUID resident) {
        PseudonymService service = pseudonyms;
        if (service == null) {
            throw new IllegalStateException("A resident's action cannot be audited: no PseudonymService is available"
                    + " to name them, and their account id is never stored");
        }
        return "resident:" + service.platformPseudonym(resident).label();
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a UUID"); // the value may identify someone
        }
    }
}
