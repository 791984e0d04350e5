package org.porchlight.audit;

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
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.store.Database;
import org.porchlight.audit.chain.CheckpointKey;
import org.porchlight.audit.chain.CheckpointSignature;
import org.porchlight.audit.chain.EntryHash;
import org.porchlight.audit.chain.LogCheck;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.AuditTables.ChainHead;
import org.porchlight.audit.store.CheckpointTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a hash chain in the database ({@link EntryHash} says what is hashed).
 *
 * <p>Appends are queued for one writer thread, which commits all that are waiting in one
 * transaction; callers wait without holding a connection. Each transaction locks the chain's head
 * row, so the writers of every node take turns. There is no cached state: the head is always read
 * from the database.
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

    /** From the identity bundle; while it is missing, residents' actions cannot be audited. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PseudonymService pseudonyms;

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
        Objects.requireNonNull(event, "event");
        // Whatever the input makes fail, fails here: before a lock or a connection is taken.
        String actor = actor(event.actor());
        String tenant = FieldLimits.tenant(event.tenant());
        String action = FieldLimits.text(event.action(), FieldLimits.ACTION);
        String target = FieldLimits.text(event.target(), FieldLimits.TARGET);
        String outcome = FieldLimits.text(event.outcome(), FieldLimits.OUTCOME);
        String requestId = event.requestId() == null ? null
                : FieldLimits.identifier("request id", event.requestId(), FieldLimits.REQUEST_ID);

        Pending mine = new Pending(actor, tenant, action, target, outcome, requestId);
        if (!running) {
            throw new IllegalStateException("The audit log is stopping");
        }
        queue.add(mine);
        while (true) {
            try {
                return mine.result.get(1, TimeUnit.SECONDS);
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

    /**
     * Group commit: one writer thread takes every entry queued so far and writes them in one
     * transaction. Each caller still returns only once its own entry is committed; under load,
     * many share a commit instead of queueing for the lock one by one.
     */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                batch.forEach(p -> p.result.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result.completeExceptionally(new IllegalStateException("The audit log stopped")));
    }

    private void write(List<Pending> batch) {
        List<AuditEntry> written = database.inTransaction(c -> {
            ChainHead head = AuditTables.lockHead(c);
            // Taken while the head is locked, so that entries are in time order across nodes too.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            long sequence = head.sequence();
            String previous = head.hash();
            List<AuditEntry> entries = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                sequence++;
                AuditEntry draft = new AuditEntry(sequence, at, p.actor, p.tenant, p.action, p.target, p.outcome,
                        p.requestId, previous, null);
                AuditEntry entry = new AuditEntry(sequence, at, p.actor, p.tenant, p.action, p.target, p.outcome,
                        p.requestId, previous, EntryHash.of(draft));
                entries.add(entry);
                previous = entry.hash();
            }
            AuditTables.append(c, entries);
            return entries;
        });
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(written.get(i));
        }
    }

    /** Stops taking entries; those queued are written first. */
    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }

    /** An event waiting to be written, with its checked fields. */
    private static final class Pending {
        final String actor;
        final String tenant;
        final String action;
        final String target;
        final String outcome;
        final String requestId;
        final CompletableFuture<AuditEntry> result = new CompletableFuture<>();

        Pending(String actor, String tenant, String action, String target, String outcome, String requestId) {
            this.actor = actor;
            this.tenant = tenant;
            this.action = action;
            this.target = target;
            this.outcome = outcome;
            this.requestId = requestId;
        }
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
