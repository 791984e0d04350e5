package org.porchlight.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The audit chain on the embedded H2 database, the default. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditChainH2IT extends AuditChainContract {
}
