package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The storage contract on a real PostgreSQL server, given as PORCHLIGHT_DB_URL would give it
 * (default: the one on 127.0.0.1:5432, database test, trust authentication).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoragePostgresIT extends StorageContract {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }

    @Override
    protected String expectedProduct() {
        return "PostgreSQL";
    }
}
