package org.porchlight.identity.personal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The part of PID {@code org.porchlight.identity} about residents' exports and account deletion. */
@ObjectClassDefinition(name = "Porchlight identity: personal data", description = "Residents' exports and account deletion")
public @interface PersonalDataConfiguration {

    @AttributeDefinition(name = "Sections that must be there", description = "Sections of resident data (the "
            + "porchlight.personal.section of each module's PersonalDataHolder) without which an export or an account "
            + "deletion is refused (503, naming them), so that no module's data is silently kept. Add a plugin's section "
            + "when it holds resident data; remove one only with the module that holds it")
    String[] requiredPersonalDataSections() default {"cameras", "inbox", "referrals", "requests"};
}
