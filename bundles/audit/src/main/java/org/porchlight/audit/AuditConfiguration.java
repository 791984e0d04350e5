package org.porchlight.audit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.audit}, from {@code etc/org.porchlight.audit.cfg}. */
@ObjectClassDefinition(name = "Porchlight audit log")
public @interface AuditConfiguration {

    String PID = "org.porchlight.audit";

    @AttributeDefinition(name = "Checkpoint interval", description = "Seconds between signed checkpoints of the chain's "
            + "head; one is signed only when entries were added since the last one, and one at shutdown")
    int checkpointIntervalSeconds() default 300;

    @AttributeDefinition(name = "Checkpoint key file", description = "The Ed25519 key that signs checkpoints; empty for "
            + "<data>/secrets/audit-checkpoint.key, created on first start")
    String checkpointKeyFile() default "";
}
