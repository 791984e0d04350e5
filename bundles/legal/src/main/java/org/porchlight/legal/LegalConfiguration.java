package org.porchlight.legal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.legal}, from {@code etc/org.porchlight.legal.cfg}. */
@ObjectClassDefinition(name = "Porchlight legal process and emergencies")
public @interface LegalConfiguration {

    String PID = "org.porchlight.legal";

    @AttributeDefinition(description = "Hours after an emergency request was made within which a supervisor must review it "
            + "(applies to requests recorded from then on)")
    int reviewHours() default 24;

    @AttributeDefinition(description = "Seconds between looks for emergency requests whose review is overdue")
    int overdueCheckSeconds() default 300;
}
