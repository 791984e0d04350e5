package org.porchlight.examples.noticeboard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The module's settings (PID {@code org.porchlight.examples.noticeboard}): the operator writes them into
 * {@code etc/org.porchlight.examples.noticeboard.cfg}, or changes them in the web console, which shows these names and descriptions.
 */
@ObjectClassDefinition(name = "noticeboard-page", description = "Notes that agency staff keep (module noticeboard)")
public @interface NotesConfiguration {

    /** The PID, also the name of the file in etc/. */
    String PID = "org.porchlight.examples.noticeboard";

    @AttributeDefinition(name = "Longest note", description = "Characters a note may have at most (1 to 2000)",
            min = "1", max = "2000")
    int maxLength() default 500;
}
