package org.porchlight.api.requests;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Limits on footage requests. The built-in default policy, configured per agency, always applies;
 * policies registered as services add to it, for every agency or, with the service property
 * {@link #AGENCY}, for one. A draft passes only if no policy finds a violation, and needs a
 * supervisor's approval if any policy asks for it. Policies can make the rules stricter, never
 * looser.
 */
@ConsumerType
public interface RequestPolicy {

    /** Service property (optional): the code of the one agency the policy applies to. */
    String AGENCY = "porchlight.policy.agency";

    /** Checks a draft when it is submitted and again when it is approved. */
    PolicyDecision evaluate(RequestDraft draft, PolicyContext context);
}
