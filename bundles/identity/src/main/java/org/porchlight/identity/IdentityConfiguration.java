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

    @AttributeDefinition(description = "Seconds after a refresh token was used in which presenting it again gets the "
            + "same successor (a page's requests renewing at once, perhaps on different nodes) instead of signing "
            + "out every device of that sign-in; 0: every second use signs out")
    int refreshReuseSeconds() default 10;

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

    @AttributeDefinition(name = "Free failures per account and address", description = "Failed sign-ins to one "
            + "account from one client address (an IPv6 /64) before each further one blocks that pair for 1, 2, 4 ... s "
            + "up to the longest back-off. Other addresses, the owner's among them, are not held up")
    int freeLoginFailures() default 5;

    @AttributeDefinition(name = "Free failures per address", description = "Failed sign-ins from one client address "
            + "(an IPv6 /64), to any accounts, before each further one blocks the address for 1, 2, 4 ... s up to the "
            + "longest back-off")
    int freeAddressFailures() default 50;

    @AttributeDefinition(name = "Longest back-off", description = "Longest block of an account-and-address pair or "
            + "of an address after failed sign-ins, in seconds (it doubles up to this)")
    int maxLoginBackoffSeconds() default 900;

    @AttributeDefinition(name = "Free failures per account", description = "Failed sign-ins to one account from all "
            + "addresses together before each further one blocks the account briefly (see the next setting): slows "
            + "guessing spread over many addresses")
    int freeAccountFailures() default 100;

    @AttributeDefinition(name = "Longest account back-off", description = "Longest block of an account, from every "
            + "address, after distributed failures, in seconds. Keep it short: its owner waits it out too")
    int maxAccountBackoffSeconds() default 30;

    @AttributeDefinition(name = "Failure memory", description = "Minutes after its last failure that a count is "
            + "forgotten")
    int failureMemoryMinutes() default 60;

    @AttributeDefinition(name = "Key rotation interval", description = "Least minutes between two rotations of the "
            + "token signing key, across all nodes; an earlier rotation is answered 429 with Retry-After")
    int keyRotationMinutes() default 10;

    @AttributeDefinition(description = "Hours an activation or setup link stays valid")
    int activationHours() default 72;

    @AttributeDefinition(name = "Verification link lifetime", description = "Hours a link that verifies a resident's "
            + "e-mail address stays valid; each link works once. Until verified, the account works but its referral "
            + "attribution is not counted")
    int verificationHours() default 48;

    @AttributeDefinition(name = "Sign-ups per address", description = "Resident sign-ups from one client address (an "
            + "IPv6 /64) before the address is refused further ones (429 with Retry-After) for the sign-up window. "
            + "Every attempt counts, taken addresses too, so that the refusal tells nothing about accounts")
    int signUpsPerAddress() default 5;

    @AttributeDefinition(name = "Sign-up window", description = "Minutes a sign-up count lasts: it is forgotten this "
            + "long after the last sign-up from the address, and a refused address waits this long")
    int signUpWindowMinutes() default 60;

    @AttributeDefinition(name = "Verification mails per account", description = "Verification mails a resident may ask "
            + "for again (POST /api/auth/verify-email/resend) within the sign-up window; more are answered 429")
    int verificationResends() default 3;

    @AttributeDefinition(name = "Verification link", description = "Start of the link mailed to verify an address; "
            + "the token is appended, e.g. https://porchlight.example.org/verify-email?token= . Empty: the mail gives "
            + "the token to enter, for POST /api/auth/verify-email")
    String verificationLink() default "";

    @AttributeDefinition(name = "Password reset link lifetime", description = "Minutes a link that sets a new "
            + "password stays valid; each link works once, and a newer password (reset or changed) ends all of them")
    int passwordResetMinutes() default 30;

    @AttributeDefinition(name = "Password reset requests per address", description = "Password reset requests from "
            + "one client address (an IPv6 /64) within the sign-up window before further ones are refused (429 with "
            + "Retry-After). Known and unknown e-mail addresses count alike")
    int passwordResetsPerAddress() default 5;

    @AttributeDefinition(name = "Password reset link", description = "Start of the link mailed to reset a password; "
            + "the token is appended, e.g. https://porchlight.example.org/password/reset?token= . Empty: the mail gives "
            + "the token to enter, for POST /api/auth/password-reset/confirm")
    String passwordResetLink() default "";
}
