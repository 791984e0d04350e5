package org.porchlight.notify.email;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.notify.email}, from {@code etc/org.porchlight.notify.email.cfg}; optional. */
@ObjectClassDefinition(name = "Porchlight notifications by e-mail",
        description = "Which notifications to accounts also go out by e-mail. The channel runs only while e-mail is configured "
                + "(org.porchlight.mail.smtp).")
public @interface EmailConfiguration {

    String PID = "org.porchlight.notify.email";

    @AttributeDefinition(required = false, description = "Topics to mail, e.g. footage-request.delivered; a trailing * matches "
            + "every topic that starts with what precedes it (footage-request.*). Empty: every topic")
    String[] topics() default {};

    @AttributeDefinition(required = false, description = "Put before every subject, with a space; empty: nothing")
    String subjectPrefix() default "[Porchlight]";
}
