package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.EvidenceStore;
import org.porchlight.api.evidence.Submission;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.PorchlightOptions;
import org.porchlight.itests.support.S3Proxies;

/**
 * The evidence contract with the evidence in S3-compatible object storage: the distribution's
 * evidence-s3 bundle, configured through etc/ as an operator would, against s3proxy over a folder,
 * which this test starts as a process of its own. Objects are plain files there, so the contract's
 * tests that look at or change stored bytes work on them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EvidenceS3IT extends EvidenceContract {

    private static final String BUCKET = "porchlight-itest";
    private static final String DATA = "porchlight.itest.s3.data";

    @Configuration
    @Override
    public Option[] configuration() {
        String name = getClass().getSimpleName();
        Option[] options = PorchlightOptions.boot(name, Map.of(DATA, S3Proxies.start(name, BUCKET)));
        Path etc = Fixtures.work().resolve("homes").resolve(name).resolve("etc");
        try {
            S3Proxies.configure(name, BUCKET, etc, "prefix = evidence/", "partSizeMiB = 5");
            Path evidence = etc.resolve("org.porchlight.evidence.cfg");
            Files.writeString(evidence, Files.readString(evidence).replaceAll("(?m)^store\\s*=.*$", "store = s3"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }

    @Before
    public void s3Store() throws Exception {
        service(EvidenceStore.class, "(" + EvidenceStore.NAME + "=s3)");
    }

    @Test
    public void newEvidenceGoesToTheBucketAsCiphertextUnderThePrefix() throws Exception {
        byte[] video = new byte[6 * 1024 * 1024 + 11]; // two parts of 5 MiB
        new Random(21).nextBytes(video);
        EvidenceItem item = service(EvidenceIntake.class, null).receive(new Submission("EVKC", "S3-1", null, null,
                "Neighbor 1234-5678-9012", "porch.mp4", "video/mp4"), new ByteArrayInputStream(video), video.length);

        assertEquals(1, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '" + item.id() + "' AND store_name = 's3'"));
        byte[] stored = Files.readAllBytes(blob(item.id()));
        assertTrue("segment headers and tags", stored.length > video.length);
        byte[] plain = Arrays.copyOfRange(video, 1000, 1032);
        for (int i = 0; i + plain.length <= stored.length; i++) {
            assertFalse("no plaintext in the bucket", stored[i] == plain[0]
                    && Arrays.equals(plain, 0, plain.length, stored, i, i + plain.length));
        }
    }

    @Override
    protected Path blob(UUID item) {
        return Path.of(context.getProperty(DATA)).resolve(BUCKET).resolve("evidence").resolve(item.toString());
    }

    /** Every object under the prefix is the content of an item the database holds: nothing from a refused upload. */
    @Override
    protected void assertNothingPartial() throws Exception {
        try (var files = Files.list(Path.of(context.getProperty(DATA)).resolve(BUCKET).resolve("evidence"))) {
            for (Path object : files.toList()) {
                assertEquals(object.getFileName().toString(), 1, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '"
                        + UUID.fromString(object.getFileName().toString()) + "'"));
            }
        }
    }
}
