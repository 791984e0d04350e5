package org.porchlight.evidence.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.testing.S3ProxyServer;
import org.porchlight.testing.TestConfiguration;

/**
 * Measures (asserts nothing about time or memory) a 200 MB blob streamed into s3proxy and read
 * back, in whatever heap the JVM was given. Runs only when asked, in a 64 MiB heap:
 * {@code mvn -B -o test -pl bundles/evidence-s3 -Dtest=S3UploadMeasureTest -Dporchlight.measure=true -DargLine=-Xmx64m};
 * prints the figures and writes them to {@code bundles/evidence-s3/target/s3-measure.txt}.
 */
class S3UploadMeasureTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path folder;

    @Test
    void measuresA200MegabyteUploadAndRead() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("porchlight.measure"), "run with -Dporchlight.measure=true");
        try (S3ProxyServer server = S3ProxyServer.start(folder, "measure")) {
            Path secret = Files.writeString(folder.resolve("secret"), S3ProxyServer.SECRET);
            S3StoreConfiguration config = TestConfiguration.of(S3StoreConfiguration.class, Map.of("endpoint", server.endpoint(),
                    "bucket", "measure", "pathStyle", true, "accessKeyId", S3ProxyServer.ACCESS_KEY_ID, "secretFile", secret.toString()));
            S3EvidenceStore store = new S3EvidenceStore(config);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            StringBuilder report = new StringBuilder("max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, parts of "
                    + config.partSizeMiB() + " MiB, " + SIZE / (1024 * 1024) + " MiB blob\n");
            sampler.setDaemon(true);
            sampler.start();
            for (int round = 1; round <= 2; round++) { // the first warms the JIT up
                String blob = UUID.randomUUID().toString();
                MessageDigest written = MessageDigest.getInstance("SHA-256");
                System.gc();
                peak.set(0);
                long start = System.nanoTime();
                store.write(blob, new DigestInputStream(new S3EvidenceStoreTest.Generated(SIZE, round, Long.MAX_VALUE), written));
                long upload = System.nanoTime() - start;
                long uploadPeak = peak.get();
                MessageDigest read = MessageDigest.getInstance("SHA-256");
                System.gc();
                peak.set(0);
                start = System.nanoTime();
                try (InputStream in = new DigestInputStream(store.read(blob), read)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                long download = System.nanoTime() - start;
                assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(HexFormat.of().formatHex(written.digest()));
                report.append(String.format("round %d: upload %.1f s (%.0f MB/s), heap peak %d MiB; read %.1f s (%.0f MB/s), heap peak %d MiB%n",
                        round, upload / 1e9, SIZE / 1e6 / (upload / 1e9), uploadPeak / (1024 * 1024), download / 1e9,
                        SIZE / 1e6 / (download / 1e9), peak.get() / (1024 * 1024)));
                store.delete(blob);
            }
            sampler.interrupt();
            store.close();
            System.out.print(report);
            Files.writeString(Path.of("target/s3-measure.txt"), report);
        }
    }
}
