package org.porchlight.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.Submission;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * Measures (asserts nothing about time or memory) a 200 MB file streamed through the evidence
 * intake, and its verified download over HTTP. Runs only when asked:
 * {@code mvn -B verify -pl itests/osgi -Dit.test=EvidenceIntakeMeasureIT -Dporchlight.measure=true
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. Prints the figures and writes them to
 * {@code target/evidence-measure.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EvidenceIntakeMeasureIT extends PorchlightTestSupport {

    private static final long SIZE = 200L * 1024 * 1024;
    private static final int SAMPLE_EVERY_BYTES = 10 * 1024 * 1024;

    @Test
    public void measuresA200MegabyteIntakeAndDownload() throws Exception {
        Assume.assumeTrue("run with -Dporchlight.measure=true", Boolean.getBoolean("porchlight.measure"));
        http.postJson("/api/agencies", IdentityIT.agency("EVMS"), asAdmin());
        String[] officer = staffSession("EVMS", "officer@evms.example", "OFFICER", asAdmin());
        EvidenceIntake intake = service(EvidenceIntake.class, null);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        StringBuilder report = new StringBuilder();

        // 1. Throughput, with the heap's peak sampled on the side (garbage included).
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
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
            sampler.start();
            long start = System.nanoTime();
            EvidenceItem item = intake.receive(submission(), new Generated(SIZE, null), SIZE);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            assertEquals(SIZE, item.size());
            report.append(String.format(Locale.ROOT, "intake round %d: %.2f s, %.0f MB/s; heap used peak %.1f MB above the start "
                    + "(garbage included)%n", round + 1, seconds, SIZE / 1048576.0 / seconds, (peak.get() - baseline) / 1048576.0));
        }

        // 2. What the upload keeps: heap used after a full collection every 10 MB, against before.
        System.gc();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong retained = new AtomicLong();
        EvidenceItem item = intake.receive(submission(), new Generated(SIZE, () -> {
            System.gc();
            retained.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() - before, Math::max);
        }), SIZE);
        report.append(String.format(Locale.ROOT, "intake with a full GC every 10 MB: live heap at most %.1f MB above the start%n",
                retained.get() / 1048576.0));

        // 3. The verified download: a full decrypting and hashing pass, then the streamed one.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest download = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + context.getProperty("porchlight.http.port")
                + "/api/agencies/EVMS/evidence/" + item.id() + "/content")).header(officer[0], officer[1]).timeout(Duration.ofMinutes(5))
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(download, HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                sha256.update(buffer, 0, n);
                received += n;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(200, response.statusCode());
        assertEquals(SIZE, received);
        assertEquals(item.sha256(), HexFormat.of().formatHex(sha256.digest()));
        report.append(String.format(Locale.ROOT, "verified download over HTTP: %.2f s, %.0f MB/s%n", seconds, SIZE / 1048576.0 / seconds));
        report.append(String.format(Locale.ROOT, "JVM: %s %s, %d processors, max heap %d MB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));

        System.out.print(report);
        Path out = Path.of(System.getProperty("porchlight.itest.work", "target")).resolveSibling("evidence-measure.txt");
        Files.writeString(out, report.toString());
    }

    private static Submission submission() {
        return new Submission("EVMS", "MEASURE-1", UUID.randomUUID(), UUID.randomUUID(), "Neighbor 0000-0000-0001", "big.mp4", "video/mp4");
    }

    /** {@code size} bytes made up as they are read (a 1 MiB random block, repeated), calling {@code every} each 10 MB. */
    private static final class Generated extends InputStream {
        private final byte[] block = new byte[1024 * 1024];
        private final long size;
        private final Runnable every;
        private long position;

        Generated(long size, Runnable every) {
            this.size = size;
            this.every = every;
            new Random(42).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int at = (int) (position % block.length);
            int n = (int) Math.min(Math.min(length, block.length - at), size - position);
            System.arraycopy(block, at, buffer, offset, n);
            if (every != null && position / SAMPLE_EVERY_BYTES != (position + n) / SAMPLE_EVERY_BYTES) {
                every.run();
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
        }
    }
}
