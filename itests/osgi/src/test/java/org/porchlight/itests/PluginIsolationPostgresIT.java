package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** One agency's plugin changes fail none of another's requests, on the real PostgreSQL server. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginIsolationPostgresIT extends PluginIsolationContract {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }
}
