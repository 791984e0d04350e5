package org.porchlight.transparency;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.transparency}, from {@code etc/org.porchlight.transparency.cfg}. */
@ObjectClassDefinition(name = "Porchlight transparency page")
public @interface TransparencyConfiguration {

    String PID = "org.porchlight.transparency";

    @AttributeDefinition(description = "Months a page covers when the caller names none (ending with the current month)")
    int defaultMonths() default 12;

    @AttributeDefinition(description = "Most months one page may cover")
    int maxMonths() default 36;

    @AttributeDefinition(description = "Seconds browsers and proxies may keep a page (Cache-Control max-age)")
    int maxAgeSeconds() default 300;

    @AttributeDefinition(description = "Seconds the portal keeps an agency's transparency page it made (0: makes it for every visit);"
            + " the JSON API is made afresh for every request")
    int pageCacheSeconds() default 60;
}
