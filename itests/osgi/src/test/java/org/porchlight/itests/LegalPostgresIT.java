package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link LegalIT} on the real PostgreSQL server (its agencies are new for each run). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LegalPostgresIT extends LegalIT {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }
}
