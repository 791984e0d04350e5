package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The evidence contract on the embedded H2 database, with the master key the server generates at
 * first start when none is configured.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EvidenceH2IT extends EvidenceContract {

    @Test
    public void withoutAConfiguredKeyTheFirstStartGeneratesAKeyFileOnlyTheServerCanRead() throws Exception {
        Path key = Path.of(context.getProperty("porchlight.home")).resolve("etc").resolve("evidence-master.key");
        assertTrue(Files.exists(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                Path.of(context.getProperty("porchlight.data")).resolve("evidence"))));
    }
}
