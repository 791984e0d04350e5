package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The evidence contract on the real PostgreSQL server. Evidence rows outlive the run there, so
 * the master key is given, as a cluster would (PORCHLIGHT_EVIDENCE_KEY, here as the framework
 * property): a key generated afresh could not open earlier runs' items and is refused while they
 * exist. The key is a test key, nothing else uses it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EvidencePostgresIT extends EvidenceContract {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }
}
