package org.porchlight.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.store.Database;
import org.porchlight.audit.CheckpointKeyFile.SigningKey;
import org.porchlight.audit.chain.ChainCheck;
import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.chain.CheckpointSignature;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.AuditTables.ChainHead;
import org.porchlight.audit.store.CheckpointTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs checkpoints of the chain's head with the node's key. Only a head that moved since the
 * last checkpoint is signed, and only once the entries since that checkpoint are found to link
 * up to it: a chain broken (or rewritten before the last checkpoint) is reported, not signed.
 */
final class Checkpointer {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final Database database;
    private final SigningKey key;
    private final Clock clock;

    Checkpointer(Database database, SigningKey key, Clock clock) {
        this.database = database;
        this.key = key;
        this.clock = clock;
    }

    /** Publishes the node's public key, unless it is published already. */
    void publishKey() {
        boolean added = database.inTransaction(c -> {
            AuditTables.lockHead(c); // nodes that share one key file take turns
            return CheckpointTables.publish(c, key.published(clock.instant().truncatedTo(ChronoUnit.MICROS)));
        });
        if (added) {
            LOG.info("Audit checkpoint key {} published", key.keyId());
        }
    }

    /** Signs and stores a checkpoint of the head if it moved; the checkpoint, or empty if none was due or allowed. */
    Optional<Checkpoint> checkpoint() {
        // First, without the head's lock (appends go on): the entries since the last checkpoint must link up to the head.
        ChainHead verified = database.inTransaction(c -> {
            Optional<Checkpoint> last = CheckpointTables.latest(c);
            ChainHead head = AuditTables.head(c);
            long from = last.map(Checkpoint::sequence).orElse(0L);
            if (head.sequence() <= from) {
                return head.sequence() < from ? broken(new AuditVerification(false, head.sequence(), head.sequence() + 1,
                        "the chain head is at entry " + head.sequence() + ", before the last checkpoint (entry " + from + ")"))
                        : null;
            }
            ChainCheck check = last.map(l -> new ChainCheck(l.sequence(), l.hash())).orElseGet(ChainCheck::new);
            AuditTables.forEach(c, from, head.sequence(), check::next);
            check.end(head.sequence(), head.hash());
            return check.broken() ? broken(check.result()) : head;
        });
        if (verified == null) {
            return Optional.empty();
        }
        // Then under the lock, so that the nodes take turns: sign unless another node has signed this far already.
        return database.inTransaction(c -> {
            ChainHead now = AuditTables.lockHead(c);
            Optional<Checkpoint> last = CheckpointTables.latest(c);
            if (now.sequence() < verified.sequence() || last.map(l -> l.sequence() >= verified.sequence()).orElse(false)) {
                return Optional.<Checkpoint>empty();
            }
            Checkpoint checkpoint = CheckpointSignature.sign(verified.sequence(), verified.hash(), clock.instant(), key.keyId(),
                    key.privateKey());
            CheckpointTables.insert(c, checkpoint);
            return Optional.of(checkpoint);
        });
    }

    private static ChainHead broken(AuditVerification result) {
        LOG.error("Audit chain broken at entry {}: {}; no checkpoint is signed until this is resolved", result.firstBroken(),
                result.reason());
        return null;
    }
}
