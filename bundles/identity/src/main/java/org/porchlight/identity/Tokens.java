package org.porchlight.identity;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
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
 * Porchlight's access tokens: RS256 JWTs (Nimbus JOSE+JWT) with the key id in the header,
 * subject, role and agency in the claims, and a short lifetime. A node verifies a token's
 * signature once and remembers it; on every request it then reads the account's row by primary
 * key and accepts the token only while the account is active with the role and agency the token
 * names. Disabling staff or changing their role thus takes effect on their next request on every
 * node, with no list of revoked tokens and no cache that could be stale; sign-out revokes the
 * refresh token.
 */
@Component(service = {Tokens.class, Authenticator.class}, configurationPid = IdentityConfiguration.PID)
@Designate(ocd = IdentityConfiguration.class)
public class Tokens implements Authenticator {

    static final String ISSUER = "porchlight";
    static final String AUDIENCE = "porchlight-api";
    private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    private static final int CACHE_LIMIT = 10_000;
    /** The issue time in milliseconds: {@code iat} has whole seconds, too coarse for tokens just before a new password. */
    private static final String ISSUED_MILLIS = "iat_ms";

    /** A verified token, reused until it expires: verifying a signature costs far more than a map lookup. */
    record Verified(Caller caller, Instant issued, Instant expires) {
    }

    private final Clock clock = Clock.systemUTC();
    private final SigningKeys keys;
    private final Duration lifetime;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AccountStates accounts;

    @Activate
    public Tokens(BundleContext context, IdentityConfiguration config, @Reference AccountStates accounts) {
        this(new SigningKeys(Secrets.locate(context, config.signingKeysFile(), "token-signing.jwks"), Clock.systemUTC()),
                Duration.ofSeconds(config.accessTokenSeconds()), accounts);
    }

    Tokens(SigningKeys keys, Duration lifetime, AccountStates accounts) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.accounts = accounts;
        JWKSource<SecurityContext> source = (selector, ctx) -> {
            List<JWK> found = selector.select(new JWKSet(keys.verificationKeys()));
            // A key another node just added to the shared key file: read it now rather than at the next check.
            return found.isEmpty() && keys.rereadForUnknownKey() ? selector.select(new JWKSet(keys.verificationKeys())) : found;
        };
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), new HashSet<>(Set.of("sub", "exp", "iat", "role"))));
    }

    /** An access token for {@code caller}, valid for the configured lifetime. */
    public String issue(Caller caller) {
        return issue(caller, clock.instant());
    }

    /** An access token for {@code caller} issued at {@code now}, valid for the configured lifetime from then. */
    public String issue(Caller caller, Instant now) {
        RSAKey key = keys.signingKey();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .subject(caller.account().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).claim("role", caller.role()).claim(ISSUED_MILLIS, now.toEpochMilli());
        if (caller.agency() != null) {
            claims.claim("agency", caller.agency());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(TYPE).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    public Duration lifetime() {
        return lifetime;
    }

    JWKSet publicKeys() {
        return keys.publicKeys();
    }

    /** The key that signs here, as {@code <kid> <RFC 7638 thumbprint>}: public, and the same on nodes sharing the keys. */
    String signingFingerprint() {
        return fingerprint(keys.signingKey());
    }

    /** Whether one of the keys that verify here has this fingerprint, reading the key file again once if not. */
    boolean verifiesWith(String fingerprint) {
        return keys.verificationKeys().stream().anyMatch(k -> fingerprint.equals(fingerprint(k)))
                || keys.rereadForUnknownKey() && keys.verificationKeys().stream().anyMatch(k -> fingerprint.equals(fingerprint(k)));
    }

    private static String fingerprint(JWK key) {
        try {
            return key.getKeyID() + " " + key.computeThumbprint();
        } catch (JOSEException e) {
            throw new IllegalStateException("every JWK has a thumbprint", e);
        }
    }

    /** Starts signing with a new key; see {@link KeyRotations} for who may, and how often. */
    String rotate() throws IOException {
        verified.clear();
        return keys.rotate(lifetime.plusMinutes(1));
    }

    /** Handles JWTs whose issuer claims to be Porchlight; others are left to other authenticators. */
    @Override
    public Optional<Caller> authenticate(String credential) throws AuthenticationException {
        if (credential.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        Verified known = verified.get(credential);
        if (known != null && known.expires().isAfter(clock.instant())) {
            return Optional.of(current(known));
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(credential);
            if (!ISSUER.equals(jwt.getJWTClaimsSet().getIssuer())) {
                return Optional.empty();
            }
        } catch (ParseException e) {
            return Optional.empty();
        }
        Verified fresh = verify(jwt);
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(credential, fresh);
        return Optional.of(current(fresh));
    }

    /** The caller, if the account still stands as the token describes it: one read by primary key. */
    private Caller current(Verified token) throws AuthenticationException {
        Caller caller = token.caller();
        if (!accounts.describes(caller, token.issued())) {
            // No account id in the message: it is logged, and a resident's id is never written anywhere.
            throw new AuthenticationException("the token's account is no longer active with role " + caller.role()
                    + (caller.agency() == null ? "" : " at " + caller.agency()));
        }
        return caller;
    }

    /** Checks signature, key, type and claims, without the cache. */
    Verified verify(JWT jwt) throws AuthenticationException {
        try {
            if (!(jwt instanceof SignedJWT)) {
                throw new AuthenticationException("unsigned token (alg " + jwt.getHeader().getAlgorithm() + ")");
            }
            JWTClaimsSet claims = processor.process((SignedJWT) jwt, null);
            Caller caller = new Caller(UUID.fromString(claims.getSubject()), claims.getStringClaim("role"),
                    claims.getStringClaim("agency"), Caller.Credential.TOKEN, null);
            Long millis = claims.getLongClaim(ISSUED_MILLIS);
            Instant issued = millis != null ? Instant.ofEpochMilli(millis) : claims.getIssueTime().toInstant();
            return new Verified(caller, issued, claims.getExpirationTime().toInstant());
        } catch (BadJOSEException | JOSEException | ParseException | IllegalArgumentException e) {
            throw new AuthenticationException("token refused: " + e.getMessage(), e);
        }
    }
}
