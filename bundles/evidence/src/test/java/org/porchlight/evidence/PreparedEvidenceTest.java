package org.porchlight.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.EvidenceStore;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.evidence.CustodyEvent.Kind;
import org.porchlight.evidence.crypto.MasterKeys;
import org.porchlight.evidence.crypto.SegmentedGcm;
import org.porchlight.evidence.files.FileEvidenceStore;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestDatabase;

/**
 * Prepared files: held for their sender, invisible to every agency read until shared, shared all
 * or nothing with a SHARED custody event, and deleted without a trace (row, chain, bytes) when
 * discarded or left unshared.
 */
class PreparedEvidenceTest {

    private static final String HOLDER = "response:" + UUID.randomUUID();
    private static final UUID REQUEST = UUID.randomUUID();
    private static final String CASE = "2026-004321";

    @TempDir
    Path folder;

    private JdbcDataSource h2;
    private Database database;
    private EvidenceRoom room;

    @BeforeEach
    void setUp() throws Exception {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        database = new TestDatabase(h2, "evidence").migrated();
        AgencyProfile kcpd = new AgencyProfile("KCPD", "KC Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), Map.of());
        Agencies agencies = TestAgencies.of(kcpd);
        room = new EvidenceRoom(database, agencies, new EvidencePolicy(1_000_000, List.of("video/*"), 30),
                MasterKeys.of(List.of(SegmentedGcm.newKey(new SecureRandom())), new SecureRandom()), "files");
        room.addStore(new FileEvidenceStore(folder), Map.of(EvidenceStore.NAME, "files"));
    }

    @Test
    void aPreparedFileIsInvisibleToEveryAgencyReadButListedForItsHolder() {
        EvidenceItem item = prepare(HOLDER);

        assertThat(room.find("KCPD", item.id())).isEmpty();
        assertThat(room.byRequest("KCPD", REQUEST)).isEmpty();
        assertThat(room.byCase("KCPD", CASE)).isEmpty();
        assertThat(room.itemsFor("KCPD", REQUEST)).isEmpty();
        assertThat(room.shared("KCPD", HOLDER)).isEmpty();
        assertThat(room.prepared("kcpd", HOLDER)).extracting(EvidenceItem::id).containsExactly(item.id());
        assertThat(room.prepared("KCPD", "response:" + UUID.randomUUID())).as("another holder's").isEmpty();
    }

    @Test
    void sharingMakesExactlyTheNamedFilesEvidenceWithASharedCustodyEvent() {
        EvidenceItem porch = prepare(HOLDER);
        EvidenceItem yard = prepare(HOLDER);

        List<SharedEvidence> shared = database.inTransaction(c -> room.share(c, "KCPD", HOLDER, List.of(porch.id()), "Neighbor 1"));

        assertThat(shared).extracting(s -> s.item().id()).containsExactly(porch.id());
        assertThat(room.itemsFor("KCPD", REQUEST)).extracting(EvidenceItem::id).containsExactly(porch.id());
        assertThat(room.find("KCPD", yard.id())).as("the file not named stays prepared").isEmpty();
        StoredItem stored = room.find("KCPD", porch.id()).orElseThrow();
        List<CustodyEvent> custody = room.custody(stored);
        assertThat(custody).extracting(CustodyEvent::kind).containsExactly(Kind.RECEIVED, Kind.SHARED);
        assertThat(custody.get(1).actor()).isEqualTo("Neighbor 1");
        assertThat(custody.get(1).detail()).contains("sha256=" + porch.sha256()).contains("size=" + porch.size());
        assertThat(room.custodyIntact(stored, custody)).isTrue();
        SharedEvidence listed = room.shared("KCPD", HOLDER).get(0);
        assertThat(listed.item().id()).isEqualTo(porch.id());
        assertThat(listed.sharedAt()).isEqualTo(custody.get(1).at());
        assertThat(listed.custodyHash()).isEqualTo(custody.get(1).hash());
        assertThat(listed.custodySequence()).isEqualTo(2);
    }

    @Test
    void sharingIsAllOrNothingAndOnlyForTheHolderAndOnlyOnce() {
        EvidenceItem porch = prepare(HOLDER);
        EvidenceItem someoneElses = prepare("response:" + UUID.randomUUID());

        for (List<UUID> ids : List.of(List.of(porch.id(), UUID.randomUUID()), List.of(porch.id(), someoneElses.id()))) {
            assertThatThrownBy(() -> database.inTransaction(c -> room.share(c, "KCPD", HOLDER, ids, "Neighbor 1")))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));
        }
        assertThat(room.itemsFor("KCPD", REQUEST)).isEmpty();
        assertThatThrownBy(() -> database.inTransaction(c -> room.share(c, "JCSO", HOLDER, List.of(porch.id()), "Neighbor 1")))
                .as("another agency").isInstanceOf(ProblemException.class);

        database.inTransaction(c -> room.share(c, "KCPD", HOLDER, List.of(porch.id()), "Neighbor 1"));
        assertThatThrownBy(() -> database.inTransaction(c -> room.share(c, "KCPD", HOLDER, List.of(porch.id()), "Neighbor 1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));
        assertThat(room.custody(room.find("KCPD", porch.id()).orElseThrow())).hasSize(2);
    }

    @Test
    void discardingDeletesTheRecordTheChainAndTheBytesButNeverASharedFile() throws Exception {
        EvidenceItem porch = prepare(HOLDER);
        EvidenceItem yard = prepare(HOLDER);
        database.inTransaction(c -> room.share(c, "KCPD", HOLDER, List.of(porch.id()), "Neighbor 1"));

        assertThat(room.discard("KCPD", HOLDER, List.of(porch.id()))).as("shared").isZero();
        assertThat(room.discard("KCPD", "response:" + UUID.randomUUID(), null)).as("another holder").isZero();
        assertThat(room.discard("KCPD", HOLDER, null)).isEqualTo(1);

        assertThat(room.prepared("KCPD", HOLDER)).isEmpty();
        assertThat(count("evidence.item WHERE id = '" + yard.id() + "'")).isZero();
        assertThat(count("evidence.custody_event WHERE item_id = '" + yard.id() + "'")).isZero();
        assertThat(count("evidence.upload")).isZero();
        assertThat(storedFiles()).containsExactly(porch.id().toString());
        assertThat(room.itemsFor("KCPD", REQUEST)).extracting(EvidenceItem::id).containsExactly(porch.id());
    }

    @Test
    void preparedFilesLeftUnsharedAreDeletedAfterTheirTimeAndSharedOnesStay() throws Exception {
        EvidenceItem porch = prepare(HOLDER);
        EvidenceItem yard = prepare(HOLDER);
        EvidenceItem received = room.receive(submission(), new ByteArrayInputStream(bytes()), -1);
        database.inTransaction(c -> room.share(c, "KCPD", HOLDER, List.of(porch.id()), "Neighbor 1"));

        assertThat(room.discardUnshared(Duration.ofHours(1), 100)).as("not old enough").isZero();
        Thread.sleep(5);
        assertThat(room.discardUnshared(Duration.ofMillis(1), 100)).isEqualTo(1);

        assertThat(count("evidence.item WHERE id = '" + yard.id() + "'")).isZero();
        assertThat(storedFiles()).containsExactlyInAnyOrder(porch.id().toString(), received.id().toString());
    }

    @Test
    void theEvidenceRetentionJobNeverSeesAPreparedFileSoNoPurgeRecordOrAuditNamesIt() {
        EvidenceItem porch = prepare(HOLDER);
        EvidenceItem yard = prepare(HOLDER);
        EvidenceItem received = room.receive(submission(), new ByteArrayInputStream(bytes()), -1);
        database.inTransaction(c -> room.share(c, "KCPD", HOLDER, List.of(porch.id()), "Neighbor 1"));

        // An agency's retention shorter than preparedRetentionHours must not reach files it never had.
        List<UUID> due = room.records().receivedBefore("KCPD", Instant.now().plus(Duration.ofDays(1)), 100).stream()
                .map(StoredItem::id).toList();
        assertThat(due).containsExactlyInAnyOrder(porch.id(), received.id()).doesNotContain(yard.id());
    }

    private EvidenceItem prepare(String holder) {
        return room.prepare(submission(), holder, new ByteArrayInputStream(bytes()), -1);
    }

    private static Submission submission() {
        return new Submission("kcpd", CASE, REQUEST, UUID.randomUUID(), "Neighbor 1", "porch.mp4", "video/mp4");
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[10_000];
        new Random().nextBytes(bytes);
        return bytes;
    }

    private List<String> storedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }

    private long count(String from) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
