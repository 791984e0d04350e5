package org.porchlight.evidence;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.evidence}, from {@code etc/org.porchlight.evidence.cfg}. */
@ObjectClassDefinition(name = "Porchlight evidence")
public @interface EvidenceConfiguration {

    String PID = "org.porchlight.evidence";

    @AttributeDefinition(description = "The evidence store new files go to (its porchlight.evidence.store name); "
            + "files already stored are read from the store that took them")
    String store() default "files";

    @AttributeDefinition(description = "Folder of the built-in 'files' store. Empty: <data>/evidence")
    String filesFolder() default "";

    @AttributeDefinition(description = "File of master keys that wrap the file keys, when PORCHLIGHT_EVIDENCE_KEY is not set. "
            + "Empty: <home>/etc/evidence-master.key, created at first start")
    String masterKeyFile() default "";

    @AttributeDefinition(description = "Largest file an agency accepts, in bytes, unless its policy sets evidenceMaxBytes")
    long maxBytes() default 2L * 1024 * 1024 * 1024;

    @AttributeDefinition(description = "Media types an agency accepts (type/subtype, type/* or */*), unless its policy sets "
            + "evidenceTypes")
    String[] types() default {"video/*", "image/*"};

    @AttributeDefinition(description = "Days from receipt that an agency keeps evidence, unless its policy sets evidenceRetentionDays")
    int retentionDays() default 365;

    @AttributeDefinition(name = "Prepared files kept (hours)", description = "Hours a file a sender uploaded but has not "
            + "confirmed sharing is kept for them; then it is deleted with its bytes (checked at each retention run). At least 1")
    int preparedRetentionHours() default 72;

    @AttributeDefinition(description = "Seconds between looks for evidence past its retention")
    int retentionCheckSeconds() default 3600;
}
