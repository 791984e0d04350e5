package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** An agency's own modules on the real PostgreSQL server. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgencyModulesPostgresIT extends AgencyModulesContract {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }
}
