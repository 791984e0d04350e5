package org.porchlight.evidence.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK's S3 client from the configuration, inside OSGi. */
final class S3Clients {

    /** No node-local ~/.aws files: every node behaves as its configuration says. */
    private static final ProfileFile NO_PROFILES = ProfileFile.builder()
            .content(new ByteArrayInputStream(new byte[0])).type(ProfileFile.Type.CONFIGURATION).build();

    private S3Clients() {
    }

    /**
     * The client for {@code config}, with the secret access key from its file or variable. The
     * HTTP client is set here, not looked up: the SDK's ServiceLoader lookup does not see inside a
     * bundle. The SDK also finds its request interceptors as resources through the thread's
     * context class loader while the client is built, so that is this bundle's for the time.
     *
     * @throws IllegalArgumentException naming what is wrong with the configuration (never the secret)
     */
    static S3Client create(S3StoreConfiguration config, Function<String, String> environment) {
        String bucket = required("bucket", config.bucket());
        String keyId = required("accessKeyId", config.accessKeyId());
        String secret = secret(config, environment);
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(required("region", config.region())))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .forcePathStyle(config.pathStyle())
                // No "Expect: 100-continue": the JDK's HttpURLConnection handles it poorly (a final
                // answer instead of 100 becomes a ProtocolException; JDK-8314978), and a part is at
                // most partSizeMiB, sent once the HEAD before it found the key free.
                .serviceConfiguration(s3 -> s3.expectContinueEnabled(false))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(Math.max(1, config.timeoutSeconds())))
                        .socketTimeout(Duration.ofSeconds(Math.max(1, config.timeoutSeconds())))
                        .build())
                .overrideConfiguration(o -> o.defaultProfileFile(NO_PROFILES).defaultProfileName("default"));
        // Uploads carry a CRC the server checks before it keeps a part. Reads are checked by the
        // evidence bundle (every segment authenticated, the SHA-256), which records a changed file
        // in its chain of custody; a CRC failure of the SDK would instead look like an outage.
        builder.requestChecksumCalculation(config.checksums() ? RequestChecksumCalculation.WHEN_SUPPORTED
                : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String endpoint = config.endpoint() == null ? "" : config.endpoint().strip();
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(endpoint(endpoint));
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(S3Clients.class.getClassLoader());
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the S3 client for bucket " + bucket + " cannot be made: " + e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an http or https URL, e.g. https://minio.example:9000");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint is not a URL: " + e.getReason());
        }
    }

    private static String secret(S3StoreConfiguration config, Function<String, String> environment) {
        String file = config.secretFile() == null ? "" : config.secretFile().strip();
        String variable = config.secretVariable() == null ? "" : config.secretVariable().strip();
        if (file.isEmpty() == variable.isEmpty()) {
            throw new IllegalArgumentException("the S3 evidence store needs exactly one of secretFile and secretVariable");
        }
        String value;
        if (!file.isEmpty()) {
            try {
                value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("the S3 secret file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            value = environment.apply(variable);
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + variable + " (the S3 secret) is not set");
            }
            value = value.strip();
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the S3 secret (" + (file.isEmpty() ? variable : file) + ") is empty");
        }
        return value;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the S3 evidence store needs " + name);
        }
        return value.strip();
    }
}
