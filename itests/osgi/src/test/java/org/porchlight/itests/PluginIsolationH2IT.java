package org.porchlight.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** One agency's plugin changes fail none of another's requests, on the embedded H2 database. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginIsolationH2IT extends PluginIsolationContract {
}
