package org.porchlight.modules;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.modules}, from {@code etc/org.porchlight.modules.cfg}. */
@ObjectClassDefinition(name = "Porchlight module management")
public @interface ModulesConfiguration {

    String PID = "org.porchlight.modules";

    @AttributeDefinition(description = "Development only: accept bundles that no trusted key signed (logged and shown in /api/health)")
    boolean allowUnsigned() default false;

    @AttributeDefinition(description = "Folder of trusted signing certificates (PEM): vendor/<name>.pem, agency/<name>.pem; "
            + "relative paths are under the server's folder")
    String trustFolder() default "etc/trust";

    @AttributeDefinition(description = "Largest bundle accepted through the admin API, in MB")
    int maxUploadMegabytes() default 64;

    @AttributeDefinition(description = "How long a swap waits for the old version's requests in flight to finish, in s")
    int drainSeconds() default 30;

    @AttributeDefinition(description = "Longest a request to a swapping module is held before it goes on anyway, in s")
    int holdSeconds() default 10;
}
