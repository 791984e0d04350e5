package org.porchlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.audit.CheckpointKeyFile.SigningKey;
import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.chain.CheckpointKey;
import org.porchlight.audit.chain.CheckpointSignature;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.CheckpointTables;

/** Checkpoints signed on an in-memory H2, and the live verification against them. */
class CheckpointerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T07:00:00.123456789Z");

    @TempDir
    Path folder;
    private MemoryDatabase database;
    private AuditChain chain;
    private SigningKey key;
    private Checkpointer checkpointer;

    @BeforeEach
    void start() throws SQLException {
        database = new MemoryDatabase();
        chain = new AuditChain(database, Clock.fixed(NOW, ZoneOffset.UTC));
        key = CheckpointKeyFile.readOrCreate(folder.resolve("secrets/audit-checkpoint.key"));
        checkpointer = new Checkpointer(database, key, Clock.fixed(NOW, ZoneOffset.UTC));
        checkpointer.publishKey();
    }

    @AfterEach
    void stop() throws Exception {
        chain.stop();
        database.close();
    }

    private void append(int count) {
        for (int i = 0; i < count; i++) {
            chain.append(new AuditEvent(Actor.system("test"), "KCPD", "tick " + i, "id=" + i, "200", null));
        }
    }

    private List<Checkpoint> stored() {
        return database.withConnection(CheckpointTables::all);
    }

    @Test
    void theKeyIsCreatedOnceReadableByItsOwnerOnlyAndPublishedOnce() throws Exception {
        Path file = folder.resolve("secrets/audit-checkpoint.key");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(CheckpointKeyFile.readOrCreate(file).keyId()).isEqualTo(key.keyId());
        checkpointer.publishKey();
        List<CheckpointKey> keys = database.withConnection(CheckpointTables::keys);
        assertThat(keys).extracting(CheckpointKey::keyId).containsExactly(key.keyId());
        assertThat(CheckpointSignature.publicKey(keys.get(0))).isEqualTo(key.publicKey());
    }

    @Test
    void aCheckpointSignsTheHeadOnlyWhenItMoved() {
        assertThat(checkpointer.checkpoint()).isEmpty();
        append(3);
        Optional<Checkpoint> first = checkpointer.checkpoint();
        assertThat(first).hasValueSatisfying(c -> {
            assertThat(c.sequence()).isEqualTo(3);
            assertThat(CheckpointSignature.verifies(c, key.publicKey())).isTrue();
        });
        assertThat(checkpointer.checkpoint()).isEmpty();
        append(2);
        assertThat(checkpointer.checkpoint()).map(Checkpoint::sequence).hasValue(5L);
        assertThat(stored()).extracting(Checkpoint::sequence).containsExactly(3L, 5L);
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 5, null, null));
    }

    @Test
    void deletingTheTailAndMovingTheHeadIsReportedAndNotSigned() throws SQLException {
        append(6);
        checkpointer.checkpoint();
        AuditEntry fourth = database.withConnection(c -> AuditTables.page(c, null, 3, 1)).get(0);
        database.execute("DELETE FROM audit.entry WHERE sequence > 4");
        database.execute("UPDATE audit.chain_head SET last_sequence = 4, last_hash = '" + fourth.hash() + "'");

        AuditVerification result = chain.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBroken()).isEqualTo(5L);
        assertThat(result.reason()).startsWith("entries after sequence 4 are missing: the checkpoint of ")
                .endsWith("signed sequence 6");
        // New entries after the cut do not hide it, and the truncated chain is never signed.
        append(3);
        assertThat(checkpointer.checkpoint()).isEmpty();
        assertThat(chain.verify().intact()).isFalse();
        assertThat(stored()).extracting(Checkpoint::sequence).containsExactly(6L);
    }

    @Test
    void rewritingSignedEntriesIsReported() throws SQLException {
        append(4);
        checkpointer.checkpoint();
        database.execute("UPDATE audit.entry SET outcome = '403' WHERE sequence = 2");
        assertThat(chain.verify()).isEqualTo(new AuditVerification(false, 1, 2L, "hash does not match its fields"));
        assertThat(checkpointer.checkpoint()).isEmpty();
    }

    @Test
    void aForgedCheckpointInTheDatabaseIsReported() throws SQLException {
        append(4);
        checkpointer.checkpoint();
        database.execute("UPDATE audit.checkpoint SET signature = '" + "A".repeat(86) + "=='");
        AuditVerification result = chain.verify();
        assertThat(result.firstBroken()).isEqualTo(4L);
        assertThat(result.reason()).endsWith("does not verify with key " + key.keyId() + ": forged or altered");
    }

    @Test
    void aCheckpointWhoseKeyWasDeletedIsReported() throws SQLException {
        append(2);
        checkpointer.checkpoint();
        database.execute("DELETE FROM audit.checkpoint_key");
        assertThat(chain.verify().reason()).contains("names key " + key.keyId() + ", which is not among the known keys");
    }
}
