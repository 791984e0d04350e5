package org.porchlight.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.AuditTables.ChainHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a hash chain in the database ({@link EntryHash} says what is hashed).
 *
 * <p>An append locks the chain's head row, so appends from every node take turns; within one
 * node they take turns on a lock first, so that waiting threads hold neither a connection nor
 * the database's attention. There is no cached state: the head is always read from the database.
 */
@Component(service = AuditLog.class)
public class AuditChain implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);

    private final Database database;
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();

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

        appendLock.lock();
        try {
            return database.inTransaction(c -> {
                ChainHead head = AuditTables.lockHead(c);
                // Taken under the lock, so that one node's entries are in time order too.
                Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
                AuditEntry draft = new AuditEntry(head.sequence() + 1, at, actor, tenant, action, target, outcome,
                        requestId, head.hash(), null);
                AuditEntry entry = new AuditEntry(draft.sequence(), at, actor, tenant, action, target, outcome,
                        requestId, head.hash(), EntryHash.of(draft));
                AuditTables.append(c, entry);
                return entry;
            });
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public AuditVerification verify() {
        // Read committed is enough: the entries are streamed first and the head read after them,
        // and as each head is committed with its entry, the head never lags behind what was seen.
        AuditVerification result = database.inTransaction(c -> {
            ChainCheck check = new ChainCheck();
            AuditTables.forEach(c, 0, Long.MAX_VALUE, check::next);
            if (!check.broken()) {
                ChainHead head = AuditTables.head(c);
                if (head.sequence() > check.lastSequence()) {
                    // Appended while we streamed, or missing: committed before the head was read, so visible now.
                    AuditTables.forEach(c, check.lastSequence(), head.sequence(), check::next);
                }
                check.end(head.sequence(), head.hash());
            }
            return check.result();
        });
        if (result.intact()) {
            LOG.info("Audit chain verified: {} entries intact", result.entries());
        } else {
            LOG.warn("Audit chain broken at entry {}: {}", result.firstBroken(), result.reason());
        }
        return result;
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
