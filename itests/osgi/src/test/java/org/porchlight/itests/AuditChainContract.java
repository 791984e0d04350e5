package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * The audit chain as the distribution runs it, on each database: appends from many threads stay
 * one unbroken chain, tampering with a row is named by verification, and the chain outlives a
 * restart of its bundle. Tampering is permanent, so every test starts from an empty chain.
 */
public abstract class AuditChainContract extends PorchlightTestSupport {

    private static final String AUDIT_BUNDLE = "org.porchlight.audit";
    private static final String ZEROS = "0".repeat(64);

    @Before
    public void startFromAnEmptyChain() throws Exception {
        Bundle audit = bundle(AUDIT_BUNDLE);
        if (audit.getState() != Bundle.ACTIVE) {
            audit.start(); // a failed restart test must not take the others down with it
        }
        auditLog(); // getting the service applies the bundle's migrations
        emptyChain();
    }

    /** The tests tamper with the chain on purpose: on a shared database, the next test class must not inherit that. */
    @After
    public void leaveAnEmptyChain() throws Exception {
        emptyChain();
    }

    private void emptyChain() throws Exception {
        execute("DELETE FROM audit.entry", "DELETE FROM audit.checkpoint",
                "UPDATE audit.chain_head SET last_sequence = 0, last_hash = '" + ZEROS + "' WHERE id = 1");
    }

    @Test
    public void fiftyParallelWritersLeaveOneUnbrokenChain() throws Exception {
        AuditLog log = auditLog();
        int writers = 50;
        int appendsEach = 200;
        Collection<Long> sequences = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "writer-" + w;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        sequences.add(log.append(new AuditEvent(Actor.system(writer), "KCPD", "itest.append", "n=" + i,
                                "ok", null)).sequence());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        int total = writers * appendsEach;
        Set<Long> distinct = new TreeSet<>(sequences);
        assertEquals("every append got a sequence of its own", total, distinct.size());
        assertEquals(List.of(Integer.toString(total), "1", Integer.toString(total)),
                query("SELECT COUNT(*), MIN(sequence), MAX(sequence) FROM audit.entry"));
        assertEquals(List.of(Integer.toString(total)), query("SELECT last_sequence FROM audit.chain_head"));
        assertEquals(new AuditVerification(true, total, null, null), log.verify());
    }

    @Test
    public void anEntryEditedInTheDatabaseIsNamedByVerification() throws Exception {
        AuditLog log = appendSome(20);
        execute("UPDATE audit.entry SET outcome = 'denied' WHERE sequence = 7");
        assertEquals(new AuditVerification(false, 6, 7L, "hash does not match its fields"), log.verify());
    }

    @Test
    public void anEntryDeletedFromTheDatabaseIsNamedAsMissing() throws Exception {
        AuditLog log = appendSome(20);
        execute("DELETE FROM audit.entry WHERE sequence = 12");
        assertEquals(new AuditVerification(false, 11, 12L, "entry 12 is missing"), log.verify());
    }

    @Test
    public void deletingTheTailAndMovingTheHeadIsReportedAgainstTheCheckpoint() throws Exception {
        appendSome(20);
        restartAuditBundle(); // stopping signs a checkpoint of entry 20
        assertEquals(List.of("20"), query("SELECT MAX(sequence) FROM audit.checkpoint"));
        for (int kept : new int[] {15, 3}) {
            String last = query("SELECT hash FROM audit.entry WHERE sequence = " + kept).get(0);
            execute("DELETE FROM audit.entry WHERE sequence > " + kept,
                    "UPDATE audit.chain_head SET last_sequence = " + kept + ", last_hash = '" + last + "' WHERE id = 1");
            AuditVerification result = auditLog().verify();
            assertFalse(result.intact());
            assertEquals(Long.valueOf(kept + 1), result.firstBroken());
            assertTrue(result.reason(), result.reason().startsWith("entries after sequence " + kept + " are missing: "));
            assertTrue(result.reason(), result.reason().endsWith("signed sequence 20"));
        }
    }

    @Test
    public void rewritingTheChainBeforeACheckpointIsReportedEvenWithEveryHashRecomputed() throws Exception {
        appendSome(10);
        restartAuditBundle();
        // An attacker who rewrites entries 6 to 10 with correct hashes: here, by appending ten new ones in their place.
        execute("DELETE FROM audit.entry WHERE sequence > 5",
                "UPDATE audit.chain_head SET last_sequence = 5, last_hash = (SELECT hash FROM audit.entry WHERE sequence = 5)"
                        + " WHERE id = 1");
        AuditLog log = auditLog();
        for (int i = 6; i <= 12; i++) {
            log.append(new AuditEvent(Actor.system("forger"), null, "itest.append", "n=" + i, "ok", null));
        }
        AuditVerification result = log.verify();
        assertEquals(Long.valueOf(1), result.firstBroken());
        assertTrue(result.reason(), result.reason().startsWith("entries 1 to 10 were rewritten after the checkpoint of "));
    }

    @Test
    public void aCheckpointForgedInTheDatabaseIsReported() throws Exception {
        appendSome(5);
        restartAuditBundle();
        execute("UPDATE audit.checkpoint SET hash = (SELECT hash FROM audit.entry WHERE sequence = 4), sequence = 4");
        AuditVerification result = auditLog().verify();
        assertEquals(Long.valueOf(4), result.firstBroken());
        assertTrue(result.reason(), result.reason().endsWith(": forged or altered"));
    }

    private void restartAuditBundle() throws Exception {
        Bundle audit = bundle(AUDIT_BUNDLE);
        audit.stop();
        audit.start();
        auditLog();
    }

    @Test
    public void theChainSurvivesARestartOfTheAuditBundle() throws Exception {
        AuditEntry fifth = null;
        AuditLog before = auditLog();
        for (int i = 1; i <= 5; i++) {
            fifth = before.append(new AuditEvent(Actor.system("itest"), null, "before.restart", "n=" + i, "ok", null));
        }

        Bundle audit = bundle(AUDIT_BUNDLE);
        audit.stop();
        assertTrue("no AuditLog while the bundle is stopped", context.getServiceReferences(AuditLog.class, null).isEmpty());
        audit.start();

        AuditLog after = auditLog();
        AuditEntry sixth = after.append(new AuditEvent(Actor.system("itest"), null, "after.restart", "n=6", "ok", null));
        assertEquals(6, sixth.sequence());
        assertEquals(fifth.hash(), sixth.previousHash());
        for (int i = 7; i <= 10; i++) {
            after.append(new AuditEvent(Actor.system("itest"), null, "after.restart", "n=" + i, "ok", null));
        }
        assertEquals(new AuditVerification(true, 10, null, null), after.verify());
    }

    @Test
    public void aResidentIsRecordedByPseudonymAndNeverWithoutOne() throws Exception {
        AuditLog log = auditLog();
        UUID resident = UUID.randomUUID();
        AuditEvent shared = new AuditEvent(Actor.account(resident, true), "KCPD", "POST /requests/{id}/shares", "request=7",
                "201", "req-itest");
        PseudonymService pseudonyms = context.getService(context.getServiceReference(PseudonymService.class));
        assertEquals("resident:" + pseudonyms.platformPseudonym(resident).label(), log.append(shared).actor());
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM audit.entry WHERE actor LIKE '%" + resident + "%'"
                + " OR target LIKE '%" + resident + "%' OR action LIKE '%" + resident + "%'"));

        Bundle identity = bundle("org.porchlight.identity");
        identity.stop();
        try {
            assertNull("the identity bundle is the only pseudonym service", context.getServiceReference(PseudonymService.class));
            try {
                log.append(shared);
                fail("a resident's action was audited without a pseudonym");
            } catch (IllegalStateException expected) {
                assertFalse(expected.getMessage().contains(resident.toString()));
            }
            assertEquals(List.of("1"), query("SELECT COUNT(*) FROM audit.entry"));
        } finally {
            identity.start();
        }
        assertTrue(log.verify().intact());
    }

    private AuditLog appendSome(int count) throws Exception {
        AuditLog log = auditLog();
        for (int i = 1; i <= count; i++) {
            log.append(new AuditEvent(Actor.system("itest"), i % 2 == 0 ? "KCPD" : null, "itest.append", "n=" + i, "ok", "req-" + i));
        }
        assertTrue(log.verify().intact());
        return log;
    }

    /** The audit log service, waiting for it while its bundle (re)starts. */
    private AuditLog auditLog() throws Exception {
        return service(AuditLog.class, null);
    }

    /** The columns of the rows of {@code sql}, each as text. */
    private List<String> query(String sql) throws Exception {
        try (Connection c = primaryDataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
            }
            return values;
        }
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = primaryDataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
