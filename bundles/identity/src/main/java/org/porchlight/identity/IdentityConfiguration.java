package org.porchlight.identity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.identity}, from {@code etc/org.porchlight.identity.cfg}. */
@ObjectClassDefinition(name = "Porchlight identity", description = "Accounts, passwords and tokens")
public @interface IdentityConfiguration {

    String PID = "org.porchlight.identity";

    @AttributeDefinition(description = "Lifetime of an access token, in seconds")
    int accessTokenSeconds() default 600;

    @AttributeDefinition(description = "Lifetime of a refresh token (and of a sign-in), in days")
    int refreshTokenDays() default 30;

    @AttributeDefinition(description = "JWK set file with the token signing keys; the first signs, all verify "
            + "until their exp. Empty: <data>/secrets/token-signing.jwks, created on first start")
    String signingKeysFile() default "";

    @AttributeDefinition(description = "File with the pseudonym key (base64, 32 bytes or more). Empty: "
            + "<data>/secrets/pseudonym.key, created on first start. Changing it changes every pseudonym")
    String pseudonymKeyFile() default "";

    @AttributeDefinition(description = "Shortest password accepted")
    int minPasswordLength() default 12;

    @AttributeDefinition(description = "Argon2id memory per hash, KiB (OWASP: 19456 with 2 iterations)")
    int argon2MemoryKiB() default 19456;

    @AttributeDefinition(description = "Argon2id iterations")
    int argon2Iterations() default 2;

    @AttributeDefinition(description = "Failed sign-ins allowed per account or client address before back-off")
    int freeLoginFailures() default 5;

    @AttributeDefinition(description = "Failed sign-ins allowed per client address (any accounts) before back-off")
    int freeAddressFailures() default 50;

    @AttributeDefinition(description = "Longest back-off after failed sign-ins, seconds (it doubles up to this)")
    int maxLoginBackoffSeconds() default 900;

    @AttributeDefinition(description = "Hours an activation or setup link stays valid")
    int activationHours() default 72;
}
