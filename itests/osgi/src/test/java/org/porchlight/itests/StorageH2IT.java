package org.porchlight.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The storage contract on the embedded H2 database, the default. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageH2IT extends StorageContract {

    @Override
    protected String expectedProduct() {
        return "H2";
    }
}
