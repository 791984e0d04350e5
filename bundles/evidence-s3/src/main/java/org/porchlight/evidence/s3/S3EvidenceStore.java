package org.porchlight.evidence.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.evidence.EvidenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The evidence store {@code s3}: one object per blob, key {@code <prefix><blob>}, in a bucket of
 * an S3-compatible object store. A blob is written once: refused if its key exists (HEAD first,
 * and {@code If-None-Match: *} where the server supports it), and streamed in a multipart upload
 * of parts of {@code partSizeMiB}, one part in memory at a time; a failed upload is aborted, so
 * that no object and no parts remain. Only ciphertext reaches the store.
 */
@Component(configurationPid = S3StoreConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = EvidenceStore.NAME + "=" + S3EvidenceStore.NAME)
@Designate(ocd = S3StoreConfiguration.class)
public class S3EvidenceStore implements EvidenceStore {

    public static final String NAME = "s3";

    private static final Logger LOG = LoggerFactory.getLogger(S3EvidenceStore.class);
    /** Blob names are ids, as in the files store: nothing that could reach another key. */
    private static final Pattern BLOB = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private static final int MAX_PARTS = 10_000;
    private static final long MIB = 1024 * 1024;

    private final S3Client s3;
    private final S3Requests requests;
    private final int partSize;

    @Activate
    public S3EvidenceStore(S3StoreConfiguration config) {
        this(S3Clients.create(config, System::getenv), config);
        LOG.info("Evidence store s3: bucket {} at {}, keys {}<id>, parts of {} MiB", requests.bucket(),
                config.endpoint().isBlank() ? "AWS " + config.region() : config.endpoint().strip(), requests.prefix(), partSize / MIB);
        try {
            requests.checkBucket();
        } catch (IOException e) {
            // Stays registered: the server may come later; each write and read says the same until then.
            LOG.error("Evidence store s3 cannot use its bucket yet: {}", e.getMessage());
        }
    }

    private S3EvidenceStore(S3Client s3, S3StoreConfiguration config) {
        this.s3 = s3;
        this.requests = new S3Requests(s3, config.bucket().strip(), config.prefix() == null ? "" : config.prefix().strip(),
                config.conditionalWrites());
        this.partSize = (int) (Math.min(512, Math.max(5, config.partSizeMiB())) * MIB);
    }

    @Deactivate
    void close() {
        s3.close();
    }

    @Override
    public void write(String blob, InputStream content) throws IOException {
        String key = key(blob);
        if (requests.exists(key)) {
            throw new FileAlreadyExistsException(requests.where(key), null, "exists already: evidence is written once");
        }
        String token = UUID.randomUUID().toString();
        byte[] part = new byte[partSize];
        int n = content.readNBytes(part, 0, partSize);
        long total = n;
        if (n < partSize) {
            try {
                requests.put(key, token, body(part, n));
            } catch (FileAlreadyExistsException e) {
                refusedUnlessOurs(key, token, e);
            }
        } else {
            String upload = requests.createUpload(key, token);
            boolean completed = false;
            try {
                List<CompletedPart> parts = new ArrayList<>();
                parts.add(requests.uploadPart(key, upload, 1, body(part, n)));
                while ((n = content.readNBytes(part, 0, partSize)) > 0) {
                    if (parts.size() == MAX_PARTS) {
                        throw new IOException(requests.where(key) + ": more than " + MAX_PARTS + " parts of " + partSize / MIB
                                + " MiB; raise partSizeMiB");
                    }
                    parts.add(requests.uploadPart(key, upload, parts.size() + 1,
                            body(part, n)));
                    total += n;
                }
                try {
                    requests.complete(key, upload, parts);
                } catch (FileAlreadyExistsException e) {
                    refusedUnlessOurs(key, token, e);
                }
                completed = true;
            } finally {
                if (!completed) {
                    requests.abort(key, upload);
                }
            }
        }
        long stored = requests.size(key);
        if (stored != total) {
            throw new IOException(requests.where(key) + " holds " + stored + " bytes after a write of " + total);
        }
    }

    /** A write refused because the key exists: fine if the object is this write's own, an earlier attempt of it. */
    private void refusedUnlessOurs(String key, String token, FileAlreadyExistsException refused) throws IOException {
        if (!token.equals(requests.writeToken(key))) {
            throw refused;
        }
    }

    /** A body the SDK can send again when it retries: each attempt reads the part afresh. */
    private static RequestBody body(byte[] part, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, "application/octet-stream");
    }

    @Override
    public InputStream read(String blob) throws IOException {
        return get(key(blob), null);
    }

    /** A range request: only the bytes asked for travel. */
    @Override
    public InputStream read(String blob, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        String key = key(blob);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        long last = offset + length - 1;
        try {
            return get(key, "bytes=" + offset + "-" + (last < offset ? "" : Long.toString(last))); // open-ended on overflow
        } catch (RangeNotSatisfiable e) {
            return InputStream.nullInputStream(); // from past the end
        }
    }

    private InputStream get(String key, String range) throws IOException {
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(request -> request.bucket(requests.bucket()).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(requests.where(key));
        } catch (S3Exception e) {
            if (range != null && e.statusCode() == 416) {
                throw new RangeNotSatisfiable();
            }
            throw requests.failure("read", key, e);
        } catch (SdkException e) {
            throw requests.failure("read", key, e);
        }
        Long length = in.response().contentLength();
        return length == null ? in : new LengthChecked(in, length, requests.where(key));
    }

    private static final class RangeNotSatisfiable extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Deletes the object, and the parts of any upload of it that never finished (its process died). */
    @Override
    public boolean delete(String blob) throws IOException {
        String key = key(blob);
        boolean existed = requests.exists(key);
        if (existed) {
            requests.delete(key);
        }
        for (MultipartUpload unfinished : requests.unfinishedUploads(key)) {
            requests.abort(key, unfinished.uploadId());
        }
        return existed;
    }

    String key(String blob) {
        if (blob == null || !BLOB.matcher(blob).matches()) {
            throw new IllegalArgumentException("not a blob name");
        }
        return requests.prefix() + blob;
    }

    /** Fails a read that ends before the length the server announced (a connection cut mid-way). */
    static final class LengthChecked extends FilterInputStream {

        private final long expected;
        private final String where;
        private long count;

        LengthChecked(InputStream in, long expected, String where) {
            super(in);
            this.expected = expected;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            check(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            check(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        private void check(int n) throws IOException {
            if (n > 0) {
                count += n;
            } else if (n < 0 && count != expected) {
                throw new IOException(where + ": the read ended after " + count + " of " + expected + " bytes");
            }
        }
    }
}
