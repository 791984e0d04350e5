package org.porchlight.examples.noticeboard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The notice board's settings (PID {@code org.porchlight.examples.noticeboard}): the operator writes them into
 * {@code etc/org.porchlight.examples.noticeboard.cfg}, or changes them in the web console.
 */
@ObjectClassDefinition(name = "noticeboard-page", description = "Public notice boards of agencies (example plugin)")
public @interface NoticeboardConfiguration {

    /** The PID, also the name of the file in etc/. */
    String PID = "org.porchlight.examples.noticeboard";

    @AttributeDefinition(name = "Longest notice", description = "Characters a notice's text may have at most (1 to 4000)",
            min = "1", max = "4000")
    int maxLength() default 1000;
}
