package org.porchlight.identity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One agency's own identity provider: factory PID {@code org.porchlight.identity.oidc}, e.g.
 * {@code etc/org.porchlight.identity.oidc-kcpd.cfg}.
 */
@ObjectClassDefinition(name = "Porchlight external identity provider",
        description = "Accept access tokens of an agency's OpenID Connect provider")
public @interface ExternalIssuerConfiguration {

    String FACTORY_PID = "org.porchlight.identity.oidc";

    @AttributeDefinition(description = "Short code of the agency whose staff sign in there")
    String agency();

    @AttributeDefinition(description = "The provider's issuer (the iss claim), e.g. https://login.example.gov/realms/kcpd")
    String issuer();

    @AttributeDefinition(description = "The audience Porchlight's tokens carry (the aud claim)")
    String audience();

    @AttributeDefinition(description = "URL of the provider's JWK set")
    String jwksUrl();

    @AttributeDefinition(description = "Claim holding the user's roles or groups (a string or an array)")
    String roleClaim() default "roles";

    @AttributeDefinition(description = "Claim values to Porchlight roles, e.g. officer=OFFICER, sergeant=SUPERVISOR; "
            + "the first value that maps wins, in this order")
    String[] roleMap();
}
