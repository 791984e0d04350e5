package org.porchlight.evidence.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.testing.S3ProxyServer;
import org.porchlight.testing.TestConfiguration;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The store against a real S3 server (s3proxy over a temporary folder): what it writes, reads and deletes. */
class S3EvidenceStoreTest {

    private static final String BUCKET = "evidence-test";
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path folder;
    private static S3ProxyServer server;
    private static S3EvidenceStore store;
    private static S3Client s3;

    @BeforeAll
    static void start() throws IOException {
        server = S3ProxyServer.start(folder, BUCKET);
        store = new S3EvidenceStore(config(Map.of()));
        s3 = S3Clients.create(config(Map.of()), name -> null);
    }

    @AfterAll
    static void stop() {
        s3.close();
        store.close();
        server.close();
    }

    static S3StoreConfiguration config(Map<String, Object> changes) throws IOException {
        Path secret = folder.resolve("secret");
        Files.writeString(secret, S3ProxyServer.SECRET + "\n");
        Map<String, Object> values = new HashMap<>(Map.of("endpoint", server.endpoint(), "bucket", BUCKET, "pathStyle", true,
                "accessKeyId", S3ProxyServer.ACCESS_KEY_ID, "secretFile", secret.toString(), "partSizeMiB", 5));
        values.putAll(changes);
        return TestConfiguration.of(S3StoreConfiguration.class, values);
    }

    @Test
    void aSmallBlobIsOneObjectUnderThePrefixAndReadsBackAsWritten() throws IOException {
        String blob = UUID.randomUUID().toString();
        byte[] content = bytes(1000, 1);
        store.write(blob, new ByteArrayInputStream(content));

        assertThat(Files.readAllBytes(server.folder().resolve(BUCKET).resolve("evidence").resolve(blob))).isEqualTo(content);
        try (InputStream in = store.read(blob)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aBlobOfSeveralPartsIsUploadedInPartsAndReadsBackAsWritten() throws IOException {
        String blob = UUID.randomUUID().toString();
        byte[] content = bytes(12 * MIB + 123, 2); // 5 + 5 + 2 MiB and a bit
        store.write(blob, new ByteArrayInputStream(content));
        try (InputStream in = store.read(blob)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(openUploads()).isZero();
    }

    @Test
    void aLargeBlobStreamsThroughAndReadsBackWithTheSameHash() throws Exception {
        String blob = UUID.randomUUID().toString();
        long size = 48L * MIB + 7;
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        store.write(blob, new java.security.DigestInputStream(new Generated(size, 3, Long.MAX_VALUE), written));

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = store.read(blob)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                read.update(buffer, 0, n);
                count += n;
            }
        }
        assertThat(count).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(HexFormat.of().formatHex(written.digest()));
    }

    @Test
    void aRangeOfABlobIsReadWithoutTheRest() throws IOException {
        String blob = UUID.randomUUID().toString();
        byte[] content = bytes(11 * MIB, 14); // three parts: ranges across part boundaries
        store.write(blob, new ByteArrayInputStream(content));

        int from = 5 * MIB - 100;
        try (InputStream in = store.read(blob, from, 300)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, from, from + 300));
        }
        try (InputStream in = store.read(blob, content.length - 10, 1000)) {
            assertThat(in.readAllBytes()).as("cut at the end").isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 10,
                    content.length));
        }
        try (InputStream in = store.read(blob, content.length + 5, 10)) {
            assertThat(in.readAllBytes()).as("past the end").isEmpty();
        }
        try (InputStream in = store.read(blob, 7, Long.MAX_VALUE)) {
            assertThat(in.readAllBytes()).hasSize(content.length - 7);
        }
        assertThatThrownBy(() -> store.read(UUID.randomUUID().toString(), 0, 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBlobIsWrittenOnceAndASecondWriteLeavesTheFirstIntact() throws IOException {
        String blob = UUID.randomUUID().toString();
        byte[] first = bytes(2000, 4);
        store.write(blob, new ByteArrayInputStream(first));

        assertThatThrownBy(() -> store.write(blob, new ByteArrayInputStream(bytes(2000, 5))))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(BUCKET).hasMessageContaining("evidence/" + blob).hasMessageContaining("written once");
        assertThatThrownBy(() -> store.write(blob, new ByteArrayInputStream(bytes(6 * MIB, 5))))
                .isInstanceOf(FileAlreadyExistsException.class);
        try (InputStream in = store.read(blob)) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
    }

    @Test
    void theServerItselfRefusesToReplaceAnObjectWhenTwoWritersPassTheCheckAtOnce() throws IOException {
        String key = store.key(UUID.randomUUID().toString());
        S3Requests requests = new S3Requests(s3, BUCKET, "", true);
        requests.put(key, "first", RequestBody.fromBytes(bytes(100, 11)));
        assertThat(requests.writeToken(key)).as("the write token travels as metadata").isEqualTo("first");
        // A second writer whose HEAD came before the first one's write: only If-None-Match stops it.
        assertThatThrownBy(() -> requests.put(key, "second", RequestBody.fromBytes(bytes(100, 12))))
                .isInstanceOf(FileAlreadyExistsException.class);
        String upload = requests.createUpload(key, "third");
        var part = requests.uploadPart(key, upload, 1, RequestBody.fromBytes(bytes(100, 13)));
        assertThatThrownBy(() -> requests.complete(key, upload, java.util.List.of(part)))
                .isInstanceOf(FileAlreadyExistsException.class);
        requests.abort(key, upload);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(bytes(100, 11));
        assertThat(requests.writeToken(key)).isEqualTo("first");
    }

    @Test
    void anUploadThatBreaksOffLeavesNoObjectAndNoOpenMultipartUpload() throws IOException {
        String blob = UUID.randomUUID().toString();
        assertThatThrownBy(() -> store.write(blob, new Generated(30L * MIB, 6, 12L * MIB)))
                .isInstanceOf(IOException.class).hasMessageContaining("source broke off");

        assertThat(store.delete(blob)).as("no object").isFalse();
        assertThat(Files.exists(server.folder().resolve(BUCKET).resolve("evidence").resolve(blob))).isFalse();
        assertThat(openUploads()).isZero();
    }

    @Test
    void theUnfinishedUploadOfAProcessThatDiedIsAbortedWhenItsBlobIsDeleted() throws IOException {
        String blob = UUID.randomUUID().toString();
        String key = store.key(blob);
        // What a killed server leaves: an upload begun, a part sent, never completed nor aborted.
        String upload = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(upload).partNumber(1), RequestBody.fromBytes(bytes(5 * MIB, 7)));
        assertThat(openUploads()).isEqualTo(1);

        assertThat(store.delete(blob)).isFalse(); // the retention job's sweep of abandoned uploads
        assertThat(openUploads()).isZero();
    }

    @Test
    void aDeletedBlobIsGoneAndDeletingItAgainSaysSo() throws IOException {
        String blob = UUID.randomUUID().toString();
        store.write(blob, new ByteArrayInputStream(bytes(6 * MIB, 8)));
        assertThat(store.delete(blob)).isTrue();

        assertThatThrownBy(() -> store.read(blob)).isInstanceOf(NoSuchFileException.class).hasMessageContaining(BUCKET);
        assertThat(store.delete(blob)).isFalse();
        assertThat(Files.exists(server.folder().resolve(BUCKET).resolve("evidence").resolve(blob))).isFalse();
    }

    @Test
    void wrongCredentialsAreAClearErrorThatNamesTheBucketAndNeverTheSecret() throws IOException {
        Path wrong = folder.resolve("wrong-secret");
        Files.writeString(wrong, "not-the-secret-at-all");
        S3EvidenceStore refused = new S3EvidenceStore(config(Map.of("secretFile", wrong.toString())));
        try {
            assertThatThrownBy(() -> refused.write(UUID.randomUUID().toString(), new ByteArrayInputStream(bytes(10, 9))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(BUCKET).hasMessageContaining("credentials")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-at-all", S3ProxyServer.SECRET));
        } finally {
            refused.close();
        }
    }

    @Test
    void aMissingBucketIsNamed() throws IOException {
        S3EvidenceStore missing = new S3EvidenceStore(config(Map.of("bucket", "no-such-bucket")));
        try {
            assertThatThrownBy(() -> missing.write(UUID.randomUUID().toString(), new ByteArrayInputStream(bytes(10, 10))))
                    .isInstanceOf(IOException.class).hasMessageContaining("no-such-bucket").hasMessageContaining("NoSuchBucket");
        } finally {
            missing.close();
        }
    }

    @Test
    void aConfigurationWithoutItsSecretIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> S3Clients.create(config(Map.of("secretFile", "")), name -> null))
                .hasMessageContaining("exactly one of secretFile and secretVariable");
        assertThatThrownBy(() -> S3Clients.create(config(Map.of("secretFile", "", "secretVariable", "S3_SECRET")), name -> null))
                .hasMessageContaining("S3_SECRET").hasMessageContaining("not set");
        assertThatThrownBy(() -> S3Clients.create(config(Map.of("endpoint", "ftp://x")), name -> null))
                .hasMessageContaining("endpoint");
        assertThatThrownBy(() -> store.write("../x", new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int openUploads() {
        return s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads().size();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code size} pseudo-random bytes made as they are read, failing after {@code failAt} (a client that broke off). */
    static final class Generated extends InputStream {

        private final long size;
        private final long failAt;
        private final Random random;
        private long position;

        Generated(long size, long seed, long failAt) {
            this.size = size;
            this.failAt = failAt;
            this.random = new Random(seed);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAt) {
                throw new IOException("the source broke off");
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, size - position), failAt - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
