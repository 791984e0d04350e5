package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The audit chain on a real PostgreSQL server, where the head row's lock is what would serialise
 * several nodes (default: 127.0.0.1:5432, database test, trust authentication).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditChainPostgresIT extends AuditChainContract {

    @Override
    protected Map<String, String> settings() {
        return postgres();
    }
}
