package org.porchlight.evidence.s3;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 requests the store makes, each turning the SDK's exceptions into an {@link IOException}
 * that names the bucket, the key and what went wrong, and never a credential.
 */
final class S3Requests {

    private static final Logger LOG = LoggerFactory.getLogger(S3EvidenceStore.class);
    /**
     * Metadata naming the write that made an object, random per write: when the SDK retries a
     * write whose first attempt reached the server but whose answer was lost, the retry meets
     * its own object ({@code If-None-Match: *} answers 412), and the token tells it so.
     */
    static final String WRITE_TOKEN = "porchlight-write";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean conditionalWrites;

    S3Requests(S3Client s3, String bucket, String prefix, boolean conditionalWrites) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.conditionalWrites = conditionalWrites;
    }

    String bucket() {
        return bucket;
    }

    String prefix() {
        return prefix;
    }

    String where(String key) {
        return "S3 bucket " + bucket + ", key " + key;
    }

    void checkBucket() throws IOException {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw failure("look at", null, e);
        }
    }

    boolean exists(String key) throws IOException {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("look at", key, e);
        } catch (SdkException e) {
            throw failure("look at", key, e);
        }
    }

    /** The write token the object was written with ({@link #WRITE_TOKEN}), or null. */
    String writeToken(String key) throws IOException {
        try {
            return s3.headObject(request -> request.bucket(bucket).key(key)).metadata().get(WRITE_TOKEN);
        } catch (SdkException e) {
            throw failure("look at", key, e);
        }
    }

    long size(String key) throws IOException {
        try {
            return s3.headObject(request -> request.bucket(bucket).key(key)).contentLength();
        } catch (SdkException e) {
            throw failure("look at", key, e);
        }
    }

    void put(String key, String token, RequestBody body) throws IOException {
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).metadata(Map.of(WRITE_TOKEN, token))
                    .ifNoneMatch(conditionalWrites ? "*" : null), body);
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    String createUpload(String key, String token) throws IOException {
        try {
            return s3.createMultipartUpload(request -> request.bucket(bucket).key(key).metadata(Map.of(WRITE_TOKEN, token)))
                    .uploadId();
        } catch (SdkException e) {
            throw failure("start an upload to", key, e);
        }
    }

    CompletedPart uploadPart(String key, String upload, int number, RequestBody body) throws IOException {
        try {
            var response = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(upload).partNumber(number), body);
            return CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumCRC32(response.checksumCRC32())
                    .checksumCRC32C(response.checksumCRC32C()).checksumCRC64NVME(response.checksumCRC64NVME())
                    .checksumSHA1(response.checksumSHA1()).checksumSHA256(response.checksumSHA256()).build();
        } catch (SdkException e) {
            throw failure("upload part " + number + " to", key, e);
        }
    }

    /**
     * Completes the upload. Its size is checked afterwards with a HEAD: x-amz-mp-object-size would
     * let AWS check it, but servers that do not know the header refuse the request (s3proxy: 501).
     */
    void complete(String key, String upload, List<CompletedPart> parts) throws IOException {
        try {
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts)).ifNoneMatch(conditionalWrites ? "*" : null));
        } catch (SdkException e) {
            throw failure("complete the upload to", key, e);
        }
    }

    /** Best effort: what cannot be aborted now is aborted by a later delete of the blob (the retention job's sweep). */
    void abort(String key, String upload) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(upload));
        } catch (SdkException e) {
            LOG.warn("Could not abort an unfinished upload to {}: {}",
                    where(key), describe(e));
        }
    }

    List<MultipartUpload> unfinishedUploads(String key) throws IOException {
        try {
            return s3.listMultipartUploads(request -> request.bucket(bucket).prefix(key)).uploads().stream()
                    .filter(upload -> key.equals(upload.key())).toList();
        } catch (SdkException e) {
            throw failure("list unfinished uploads of", key, e);
        }
    }

    void delete(String key) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    IOException failure(String what, String key, SdkException e) {
        String where = key == null ? "S3 bucket " + bucket : where(key);
        if (e instanceof S3Exception s3e && s3e.statusCode() == 412) { // If-None-Match: * met an object
            return new FileAlreadyExistsException(where, null, "exists already: evidence is written once");
        }
        return new IOException("Could not " + what + " " + where + ": " + describe(e));
    }

    /** What went wrong, in words an operator can act on; the SDK's messages hold no credentials. */
    static String describe(SdkException e) {
        if (e instanceof S3Exception s3e) {
            String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            String hint = switch (code == null ? "" : code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSecurity", "InvalidToken" ->
                    "the server refused the credentials; check accessKeyId and the secret";
                case "AccessDenied" -> "access denied; the credentials need s3:GetObject, PutObject, DeleteObject, "
                        + "AbortMultipartUpload and ListBucketMultipartUploads on the bucket";
                case "NoSuchBucket" -> "there is no such bucket";
                case "NotImplemented" -> "the server does not support a header the store sent; if it is If-None-Match, "
                        + "set conditionalWrites = false; if a checksum, checksums = false";
                default -> s3e.statusCode() == 403 ? "the server refused the credentials or the access (403)" : "";
            };
            return (code == null ? "HTTP " + s3e.statusCode() : code + " (HTTP " + s3e.statusCode() + ")") + (hint.isEmpty() ? "" : ": " + hint);
        }
        if (e instanceof SdkClientException) {
            return "the S3 endpoint could not be reached or answered strangely (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }
}
