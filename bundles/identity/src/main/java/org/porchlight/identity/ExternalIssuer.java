package org.porchlight.identity;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Access tokens from an agency's own OpenID Connect provider, one component per configured
 * provider. The token must come from the configured issuer for the configured audience, be
 * signed by a key of the provider's JWK set (fetched and cached by Nimbus) and carry a role
 * claim that maps to a staff role. Such staff are known by a stable id derived from issuer and
 * subject; their directory is the provider, not Porchlight.
 */
@Component(service = Authenticator.class, configurationPid = ExternalIssuerConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ExternalIssuerConfiguration.class, factory = true)
public class ExternalIssuer implements Authenticator {

    private final String agency;
    private final String issuer;
    private final String roleClaim;
    private final Map<String, String> roleMap = new LinkedHashMap<>();
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    @Activate
    public ExternalIssuer(ExternalIssuerConfiguration config) throws MalformedURLException {
        this.agency = config.agency().toUpperCase(Locale.ROOT);
        this.issuer = config.issuer();
        this.roleClaim = config.roleClaim();
        for (String entry : config.roleMap()) {
            String[] pair = entry.split("=", 2);
            String role = pair.length == 2 ? pair[1].trim().toUpperCase(Locale.ROOT) : "";
            if (!Roles.STAFF.contains(role)) {
                throw new IllegalArgumentException("roleMap entry '" + entry + "' must map a claim value to a staff role");
            }
            roleMap.put(pair[0].trim(), role);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(config.jwksUrl())).retrying(true).build();
        // RFC 9068 access tokens say at+jwt; many providers still say JWT or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.audience(),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(Set.of("sub", "exp", "iat"))));
    }

    @Override
    public Optional<Caller> authenticate(String credential) throws AuthenticationException {
        if (credential.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(credential);
            if (!issuer.equals(parsed.getJWTClaimsSet().getIssuer())) {
                return Optional.empty();
            }
        } catch (ParseException e) {
            return Optional.empty();
        }
        try {
            if (!(parsed instanceof SignedJWT jwt)) {
                throw new AuthenticationException("unsigned token from " + issuer);
            }
            JWTClaimsSet claims = processor.process(jwt, null);
            String role = role(claims).orElseThrow(() -> new AuthenticationException("no role of " + issuer + " maps to Porchlight"));
            UUID account = UUID.nameUUIDFromBytes(("oidc:" + issuer + "|" + claims.getSubject()).getBytes(StandardCharsets.UTF_8));
            return Optional.of(new Caller(account, role, agency, Caller.Credential.EXTERNAL_TOKEN, null));
        } catch (BadJOSEException | JOSEException e) {
            throw new AuthenticationException("token of " + issuer + " refused: " + e.getMessage(), e);
        }
    }

    private Optional<String> role(JWTClaimsSet claims) {
        Object value = claims.getClaim(roleClaim);
        List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        return roleMap.entrySet().stream().filter(e -> values.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
    }
}
