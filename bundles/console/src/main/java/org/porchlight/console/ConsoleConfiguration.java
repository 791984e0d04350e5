package org.porchlight.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.console}, from {@code etc/org.porchlight.console.cfg}. */
@ObjectClassDefinition(name = "Porchlight web console access", description = "Who may open /system/console, and how")
public @interface ConsoleConfiguration {

    String PID = "org.porchlight.console";

    @AttributeDefinition(description = "Seconds a platform admin's verified console password is remembered (in memory, "
            + "as a keyed hash) before it is checked again; 0 checks it on every request. A changed password is refused "
            + "at the latest after this long; a disabled account or a changed role on the next request")
    int passwordCacheSeconds() default 60;

    @AttributeDefinition(description = "Minutes without console requests after which an account's next request is "
            + "recorded in the audit log as a new console sign-in")
    int signInAuditMinutes() default 30;
}
