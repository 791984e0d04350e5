package org.porchlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.store.StorageException;
import org.porchlight.audit.chain.EntryHash;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.testing.RecordingMetrics;

/** The chain on an in-memory H2 in PostgreSQL mode, with the bundle's own migration. */
class AuditChainTest {

    private static final Instant NOW = Instant.parse("2026-11-29T06:04:12.123456789Z");

    private MemoryDatabase database;
    private AuditChain chain;

    @BeforeEach
    void createSchema() throws SQLException {
        database = new MemoryDatabase();
        chain = new AuditChain(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        chain.stop();
        database.close();
    }

    private static AuditEvent event(String action) {
        return new AuditEvent(Actor.system("test"), "KCPD", action, "id=1", "200", "req-1");
    }

    @Test
    void appendsAndTheirCommitsAreCountedForTheMetrics() {
        RecordingMetrics metrics = new RecordingMetrics();
        chain.metrics = metrics;
        chain.append(event("first"));
        chain.append(event("second"));

        assertThat(metrics.count(AuditChain.APPENDS)).isEqualTo(2);
        assertThat(metrics.count(AuditChain.COMMITS)).isBetween(1L, 2L);
        assertThat(metrics.count(AuditChain.APPEND_FAILURES)).isZero();
    }

    @Test
    void anEmptyChainIsIntact() {
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 0, null, null));
    }

    @Test
    void entriesAreNumberedFromOneAndLinkedByTheirHashes() {
        AuditEntry first = chain.append(event("first"));
        AuditEntry second = chain.append(event("second"));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(EntryHash.GENESIS);
        assertThat(first.hash()).isEqualTo(EntryHash.of(first));
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 2, null, null));
    }

    @Test
    void whatIsStoredIsWhatWasReturnedAndHashed() {
        AuditEntry appended = chain.append(event("stored"));
        assertThat(appended.at()).isEqualTo(Instant.parse("2026-11-29T06:04:12.123456Z"));
        assertThat(appended.tenant()).isEqualTo("KCPD");
        List<AuditEntry> stored = database.withConnection(c -> AuditTables.page(c, null, 0, 10));
        assertThat(stored).containsExactly(appended);
    }

    @Test
    void appendsFromManyThreadsKeepTheChainUnbroken() throws Exception {
        appendFromEightThreads(chain, chain, "parallel");
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 400, null, null));
    }

    @Test
    void twoNodesTakeTurnsOnTheHeadRow() throws Exception {
        // Each AuditChain has its own writer thread, like two nodes: only the row lock orders them.
        AuditChain other = new AuditChain(database, Clock.systemUTC());
        try {
            appendFromEightThreads(chain, other, "two nodes");
        } finally {
            other.stop();
        }
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 400, null, null));
    }

    /** 8 threads x 50 appends, the even threads to {@code even}, the odd ones to {@code odd}. */
    private static void appendFromEightThreads(AuditChain even, AuditChain odd, String action) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AuditChain node = t % 2 == 0 ? even : odd;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        node.append(event(action));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void verificationWhileOthersAppendSeesAnIntactChain() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> appending = writer.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    chain.append(event("meanwhile"));
                }
            });
            while (!appending.isDone()) {
                assertThat(chain.verify().intact()).isTrue();
            }
            appending.get();
        } finally {
            writer.shutdownNow();
        }
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 500, null, null));
    }

    @Test
    void anEditedRowIsNamed() throws SQLException {
        for (int i = 0; i < 5; i++) {
            chain.append(event("e" + i));
        }
        database.execute("UPDATE audit.entry SET outcome = '403' WHERE sequence = 3");
        assertThat(chain.verify()).isEqualTo(new AuditVerification(false, 2, 3L, "hash does not match its fields"));
    }

    @Test
    void aDeletedRowIsNamed() throws SQLException {
        for (int i = 0; i < 5; i++) {
            chain.append(event("e" + i));
        }
        database.execute("DELETE FROM audit.entry WHERE sequence = 3");
        assertThat(chain.verify()).isEqualTo(new AuditVerification(false, 2, 3L, "entry 3 is missing"));
        database.execute("DELETE FROM audit.entry WHERE sequence >= 3");
        assertThat(chain.verify()).isEqualTo(new AuditVerification(false, 2, 3L, "entry 3 is missing"));
    }

    @Test
    void aHeadMovedBackIsNoticed() throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(chain.append(event("e" + i)));
        }
        database.execute("UPDATE audit.chain_head SET last_sequence = 3, last_hash = '" + entries.get(2).hash() + "'");
        assertThat(chain.verify()).isEqualTo(new AuditVerification(false, 5, 4L, "entry 4 is past the chain head (entry 3)"));
        // ... and the next append cannot overwrite entry 4
        assertThatThrownBy(() -> chain.append(event("after"))).isInstanceOf(StorageException.class);
        // Once the head is put back, appends go on after it: the writer does not trust what it wrote last.
        database.execute("UPDATE audit.chain_head SET last_sequence = 5, last_hash = '" + entries.get(4).hash() + "'");
        assertThat(chain.append(event("after")).previousHash()).isEqualTo(entries.get(4).hash());
        assertThat(chain.verify()).isEqualTo(new AuditVerification(true, 6, null, null));
    }

    @Test
    void actorsAreNamedByKind() {
        UUID account = UUID.fromString("3f2c4a1e-0000-4000-8000-000000000001");
        assertThat(chain.append(new AuditEvent(Actor.anonymous(), null, "GET /x", null, "200", null)).actor()).isEqualTo("anonymous");
        assertThat(chain.append(new AuditEvent(Actor.account(account, false), null, "a", null, "200", null)).actor())
                .isEqualTo("account:3f2c4a1e-0000-4000-8000-000000000001");
        assertThat(chain.append(new AuditEvent(Actor.apiKey("k-17"), null, "a", null, "200", null)).actor()).isEqualTo("api-key:k-17");
        assertThat(chain.append(new AuditEvent(Actor.system("expiry"), null, "a", null, "ok", null)).actor()).isEqualTo("system:expiry");
    }

    @Test
    void aResidentIsRecordedByPseudonymOnly() throws SQLException {
        UUID resident = UUID.fromString("9d1e0000-0000-4000-8000-00000000beef");
        chain.pseudonyms = new FixedPseudonyms(resident, 482_109_375_510L);
        AuditEntry entry = chain.append(new AuditEvent(Actor.account(resident, true), "KCPD", "POST /shares", "share=1", "201", null));
        assertThat(entry.actor()).isEqualTo("resident:Neighbor 4821-0937-5510");
        assertThat(database.dump()).doesNotContain(resident.toString());
    }

    @Test
    void aResidentCannotBeAuditedWithoutThePseudonymService() throws SQLException {
        UUID resident = UUID.randomUUID();
        assertThatThrownBy(() -> chain.append(new AuditEvent(Actor.account(resident, true), null, "POST /shares", "", "201", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(resident.toString());
        assertThat(database.dump()).isEmpty();
        assertThat(chain.verify().entries()).isZero();
    }

    @Test
    void overLongAndControlCharacterValuesAreStoredShortenedAndStillVerify() {
        AuditEntry entry = chain.append(new AuditEvent(Actor.system("test"), "kcpd", "a".repeat(1000),
                "t\u0000".repeat(2000), "o".repeat(300), "req-2"));
        assertThat(entry.action()).hasSize(FieldLimits.ACTION);
        assertThat(entry.target()).hasSize(FieldLimits.TARGET).doesNotContain("\u0000");
        assertThat(entry.outcome()).hasSize(FieldLimits.OUTCOME);
        assertThat(entry.tenant()).isEqualTo("KCPD");
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void malformedIdentifiersAreRefusedBeforeAnythingIsWritten() throws SQLException {
        assertThatThrownBy(() -> chain.append(new AuditEvent(Actor.system("test"), null, "a", "", "200", "r".repeat(200))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.append(new AuditEvent(new Actor(AuditEvent.Kind.RESIDENT, "not-a-uuid"), null, "a", "", "200", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not-a-uuid");
        assertThat(database.dump()).isEmpty();
    }

    private record FixedPseudonyms(UUID resident, long number) implements PseudonymService {
        @Override
        public Pseudonym pseudonym(UUID who, String agencyCode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Pseudonym platformPseudonym(UUID who) {
            assertThat(who).isEqualTo(resident);
            return new Pseudonym(number);
        }
    }
}
