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
        return postgres();
    }
}
