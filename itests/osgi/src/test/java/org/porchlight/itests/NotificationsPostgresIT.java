package org.porchlight.itests;

import java.util.Map;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Notifications on the real PostgreSQL server. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotificationsPostgresIT extends NotificationsContract {

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "porchlight.db.url", System.getProperty("porchlight.itest.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                "porchlight.db.user", System.getProperty("porchlight.itest.postgres.user", System.getProperty("user.name")));
    }
}
