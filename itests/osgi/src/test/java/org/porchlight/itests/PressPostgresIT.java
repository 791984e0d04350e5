package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link PressContract} on the shared PostgreSQL database (agencies are new per test). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PressPostgresIT extends PressContract {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }
}
