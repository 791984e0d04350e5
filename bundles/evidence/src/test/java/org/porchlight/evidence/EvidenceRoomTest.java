package org.porchlight.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.HexFormat;
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
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.evidence.CustodyEvent.Kind;
import org.porchlight.evidence.crypto.MasterKeys;
import org.porchlight.evidence.crypto.SegmentedGcm;
import org.porchlight.evidence.files.FileEvidenceStore;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestDatabase;

/**
 * Intake, checks and purging against an embedded H2 and the real files store: what is refused
 * or broken off leaves no row and no file; what is stored reads back only while it is intact.
 */
class EvidenceRoomTest {

    private static final long LIMIT = 300_000;

    @TempDir
    Path folder;

    private JdbcDataSource h2;
    private FileEvidenceStore store;
    private EvidenceRoom room;

    @BeforeEach
    void setUp() throws Exception {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Database database = new TestDatabase(h2, "evidence").migrated();
        AgencyProfile kcpd = new AgencyProfile("KCPD", "KC Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), Map.of());
        Agencies agencies = TestAgencies.of(kcpd);
        room = new EvidenceRoom(database, agencies, new EvidencePolicy(LIMIT, List.of("video/*"), 30),
                MasterKeys.of(List.of(SegmentedGcm.newKey(new SecureRandom())), new SecureRandom()), "files");
        store = new FileEvidenceStore(folder);
        room.addStore(store, Map.of(EvidenceStore.NAME, "files"));
    }

    @Test
    void aReceivedFileIsStoredEncryptedRecordedWithItsHashAndReadsBackIntact() throws Exception {
        byte[] video = bytes(200_000);
        EvidenceItem item = room.receive(submission("video/mp4"), new ByteArrayInputStream(video), video.length);

        assertThat(item.size()).isEqualTo(video.length);
        assertThat(item.sha256()).isEqualTo(sha256(video));
        assertThat(item.contentType()).isEqualTo("video/mp4");
        byte[] onDisk = Files.readAllBytes(store.path(item.id().toString()));
        assertThat(onDisk).hasSizeGreaterThan(video.length);
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).as("no plaintext on disk")
                .doesNotContain(new String(video, 0, 64, StandardCharsets.ISO_8859_1));

        StoredItem stored = room.find("kcpd", item.id()).orElseThrow();
        EvidenceRoom.Verification verified = room.verify(stored, "account:test");
        assertThat(verified.sha256()).isEqualTo(item.sha256());
        try (InputStream in = room.open(stored, "account:test")) {
            assertThat(in.readAllBytes()).isEqualTo(video);
        }
        List<CustodyEvent> custody = room.custody(stored);
        assertThat(custody).extracting(CustodyEvent::kind).containsExactly(Kind.RECEIVED);
        assertThat(custody.get(0).detail()).contains("sha256=" + item.sha256());
        assertThat(room.custodyIntact(stored, custody)).isTrue();
        assertThat(count("evidence.upload")).isZero();
    }

    @Test
    void aBodyThatRunsPastTheLimitIsCutOffThereAndLeavesNothing() throws Exception {
        CountingStream body = new CountingStream(new ByteArrayInputStream(bytes((int) LIMIT * 3)));
        assertThatThrownBy(() -> room.receive(submission("video/mp4"), body, -1)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(413);
            assertThat(e.getMessage()).contains("300000 bytes").contains("KCPD");
        });
        assertThat(body.read).as("read no further than the limit").isLessThanOrEqualTo(LIMIT + 1);
        assertNothingLeft();
    }

    @Test
    void aFileAnnouncedTooLargeIsRefusedWithoutReadingIt() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read");
            }
        };
        assertThatThrownBy(() -> room.receive(submission("video/mp4"), unreadable, LIMIT + 1))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
        assertThatThrownBy(() -> room.receive(submission("text/plain"), unreadable, 10))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(415));
    }

    /** Write once: a blob the store refuses to overwrite belongs to someone else and stays, whatever the store. */
    @Test
    void aWriteRefusedBecauseTheBlobExistsLeavesThatBlobAlone() throws Exception {
        List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
        EvidenceStore clashing = new EvidenceStore() {
            @Override
            public void write(String blob, InputStream content) throws IOException {
                throw new java.nio.file.FileAlreadyExistsException(blob);
            }

            @Override
            public InputStream read(String blob) throws IOException {
                throw new java.nio.file.NoSuchFileException(blob);
            }

            @Override
            public boolean delete(String blob) {
                deleted.add(blob);
                return true;
            }
        };
        room.removeStore(store);
        room.addStore(clashing, Map.of(EvidenceStore.NAME, "files"));

        assertThatThrownBy(() -> room.receive(submission("video/mp4"), new ByteArrayInputStream(bytes(1000)), 1000))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(503));
        assertThat(deleted).as("nothing deleted").isEmpty();
        assertThat(count("evidence.upload")).as("no upload left for the retention job to clean up").isZero();
        assertThat(count("evidence.item")).isZero();
    }

    @Test
    void anUploadThatBreaksOffOrEndsShortOfItsLengthLeavesNothing() throws Exception {
        InputStream breaking = new SequenceInputStream(new ByteArrayInputStream(bytes(100_000)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> room.receive(submission("video/mp4"), breaking, -1)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.getCause()).hasMessage("connection reset");
        });
        assertNothingLeft();
        assertThatThrownBy(() -> room.receive(submission("video/mp4"), new ByteArrayInputStream(bytes(1000)), 2000))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).contains("had 1000 bytes, not the 2000 announced"));
        assertNothingLeft();
    }

    @Test
    void aChangedBlobFailsTheCheckAndTheFailureIsRecordedInItsCustodyChain() throws Exception {
        EvidenceItem item = room.receive(submission("video/mp4"), new ByteArrayInputStream(bytes(50_000)), -1);
        Path blob = store.path(item.id().toString());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        StoredItem stored = room.find("KCPD", item.id()).orElseThrow();
        assertThatThrownBy(() -> room.verify(stored, "account:officer")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(500);
            assertThat(e.problem().type().toString()).isEqualTo("urn:porchlight:problem:evidence-integrity");
        });
        List<CustodyEvent> custody = room.custody(stored);
        assertThat(custody).extracting(CustodyEvent::kind).containsExactly(Kind.RECEIVED, Kind.INTEGRITY_FAILURE);
        assertThat(custody.get(1).actor()).isEqualTo("account:officer");
        assertThat(custody.get(1).detail()).contains("failed authentication");
        assertThat(room.custodyIntact(stored, custody)).isTrue();

        Files.delete(blob);
        assertThatThrownBy(() -> room.verify(stored, "account:officer")).hasMessageContaining("missing");
    }

    @Test
    void aPurgeDeletesTheKeyKeepsTheCustodyRecordAndTheContentIsGone() throws Exception {
        EvidenceItem item = room.receive(submission("video/mp4"), new ByteArrayInputStream(bytes(10_000)), -1);
        assertThat(room.records().shred(item.id(), room.now(), "system:evidence-retention", "retention ended")).isTrue();
        assertThat(room.records().shred(item.id(), room.now(), "system:evidence-retention", "again")).as("once only").isFalse();

        StoredItem purged = room.find("KCPD", item.id()).orElseThrow();
        assertThat(purged.purged()).isTrue();
        assertThat(purged.wrappedKey()).isNull();
        assertThatThrownBy(() -> room.verify(purged, "account:officer"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(410));
        assertThat(room.custody(purged)).extracting(CustodyEvent::kind).containsExactly(Kind.RECEIVED, Kind.PURGED);
        assertThat(room.itemsFor("KCPD", item.request())).isEmpty();
    }

    @Test
    void afterAMasterKeyRotationFileKeysAreReWrappedSoThatTheOldKeyCanBeRetired() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] oldKey = SegmentedGcm.newKey(random);
        byte[] newKey = SegmentedGcm.newKey(random);
        byte[] video = bytes(20_000);
        EvidenceItem item = room(List.of(oldKey)).receive(submission("video/mp4"), new ByteArrayInputStream(video), -1);

        EvidenceRoom rotated = room(List.of(newKey, oldKey));
        assertThat(rotated.keyCustody().rewrapOldKeys(100)).isEqualTo(1);
        assertThat(rotated.keyCustody().rewrapOldKeys(100)).isZero();

        EvidenceRoom retired = room(List.of(newKey));
        StoredItem stored = retired.find("KCPD", item.id()).orElseThrow();
        assertThat(stored.wrappedKey().keyId()).isEqualTo(MasterKeys.idOf(newKey));
        try (InputStream in = retired.open(stored, "account:test")) {
            assertThat(in.readAllBytes()).isEqualTo(video);
        }
    }

    private EvidenceRoom room(List<byte[]> masterKeys) {
        EvidenceRoom other = new EvidenceRoom(new TestDatabase(h2, "evidence"), room.agencies(), room.defaults(),
                MasterKeys.of(masterKeys, new SecureRandom()), "files");
        other.addStore(store, Map.of(EvidenceStore.NAME, "files"));
        return other;
    }

    @Test
    void fileNamesLoseFoldersControlCharactersAndLeadingDots() {
        assertThat(SubmittedText.fileName("C:\\Users\\ann\\porch.mp4")).isEqualTo("porch.mp4");
        assertThat(SubmittedText.fileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(SubmittedText.fileName(".hidden\r\n.mp4")).isEqualTo("hidden.mp4");
        assertThat(SubmittedText.fileName("a\"b.mp4")).isEqualTo("ab.mp4");
        assertThat(SubmittedText.fileName("/")).isNull();
        assertThat(SubmittedText.fileName("x".repeat(300))).hasSize(255);
    }

    private void assertNothingLeft() throws Exception {
        assertThat(count("evidence.item")).isZero();
        assertThat(count("evidence.upload")).isZero();
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("files in the store").isEmpty();
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Submission submission(String type) {
        return new Submission("kcpd", "2026-001234", UUID.randomUUID(), UUID.randomUUID(), "Neighbor 4821-0937-5510", "porch.mp4", type);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(0, n);
            return n;
        }
    }
}
