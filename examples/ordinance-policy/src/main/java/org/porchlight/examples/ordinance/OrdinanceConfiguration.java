package org.porchlight.examples.ordinance;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The ordinance's terms (PID {@code org.porchlight.examples.ordinance}), in
 * {@code etc/org.porchlight.examples.ordinance.cfg} or the web console. Without a configuration the policy does not run.
 */
@ObjectClassDefinition(name = "Surveillance ordinance",
        description = "A city's limits on footage requests: protected areas and a weekly cap (example policy)")
public @interface OrdinanceConfiguration {

    /** The PID, also the name of the file in etc/. */
    String PID = "org.porchlight.examples.ordinance";

    // Becomes the service property RequestPolicy.AGENCY, so that the platform runs the policy for this agency only.
    @AttributeDefinition(name = "Agency", description = "Code of the agency the ordinance binds; empty: every agency",
            required = false)
    String porchlight_policy_agency() default "";

    @AttributeDefinition(name = "Protected areas", description = "Protest routes and assembly zones no request may touch, "
            + "separated by ';': 'name: circle lat,lon radiusMeters' or 'name: polygon lat,lon lat,lon lat,lon ...'",
            required = false)
    String protectedAreas() default "";

    @AttributeDefinition(name = "Requests per week", description = "Most requests the agency submits in any 7 days", min = "0")
    int requestsPerWeek() default 10;

    @AttributeDefinition(name = "Approval from", description = "From this many requests in 7 days on, a supervisor approves "
            + "each further one (0: never)", min = "0")
    int approvalFrom() default 0;
}
