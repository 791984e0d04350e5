package org.porchlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;

/**
 * Entries recorded in the transaction of the change they record ({@link AuditLog#appendWithin}):
 * they join the chain once that transaction commits, exactly once across nodes, and never if it
 * rolls back; a node that stops before moving them leaves them to another.
 */
class AuditWithinTransactionTest {

    private MemoryDatabase database;
    private AuditChain nodeA;
    private AuditChain nodeB;

    @BeforeEach
    void start() throws SQLException {
        database = new MemoryDatabase();
        nodeA = new AuditChain(database, Clock.systemUTC());
        nodeB = new AuditChain(database, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        nodeA.stop();
        nodeB.stop();
        database.close();
    }

    private static AuditEvent event(String action) {
        return new AuditEvent(Actor.system("test"), "KCPD", action, "id=1", "EXPIRED", null);
    }

    private void record(AuditLog node, String action) {
        database.inTransaction(c -> {
            node.appendWithin(c, event(action));
            return null;
        });
    }

    private long entries(String action) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit.entry WHERE action = ?")) {
                s.setString(1, action);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private long pending() {
        return database.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit.pending_entry")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void anEntryOfACommittedTransactionJoinsTheChainOnce() throws Exception {
        record(nodeA, "request.expired");
        await("the entry joins the chain", () -> entries("request.expired") == 1);
        await("and leaves the pending table", () -> pending() == 0);
        assertThat(nodeA.verify().intact()).isTrue();
    }

    @Test
    void anEntryOfARolledBackTransactionNeverJoins() throws Exception {
        assertThatThrownBy(() -> database.inTransaction(c -> {
            nodeA.appendWithin(c, event("rolled.back"));
            throw new SQLException("the change failed");
        })).isNotNull();
        record(nodeA, "committed");
        await("the committed one joins", () -> entries("committed") == 1);
        assertThat(entries("rolled.back")).isZero();
        assertThat(pending()).isZero();
    }

    @Test
    void manyEntriesRecordedOnTwoNodesEachJoinOnceInAnIntactChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                AuditChain node = t % 2 == 0 ? nodeA : nodeB;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        record(node, "within");
                        node.append(event("direct")); // interleaved with ordinary appends
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        await("all 160 join", () -> entries("within") == 160);
        assertThat(entries("direct")).isEqualTo(160);
        assertThat(pending()).isZero();
        assertThat(nodeA.verify().intact()).isTrue();
        assertThat(nodeA.verify().entries()).isEqualTo(320);
    }

    @Test
    void entriesOfANodeThatStoppedBeforeMovingThemAreMovedByAnother() throws Exception {
        AuditChain dying = new AuditChain(database, Clock.systemUTC());
        dying.stop(); // its writer is gone: nothing it records is moved by it
        record(dying, "left.behind");
        assertThat(pending()).isEqualTo(1);
        await("another node's sweep moves it", () -> entries("left.behind") == 1);
        assertThat(pending()).isZero();
    }

    @Test
    void badFieldsFailBeforeAnythingIsRecorded() {
        assertThatThrownBy(() -> database.inTransaction(c -> {
            nodeA.appendWithin(c, new AuditEvent(Actor.system("test"), null, "x", "y", "z", "r".repeat(200)));
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(pending()).isZero();
    }
}
