package org.porchlight.itests.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hand-made JWTs for the tests that a server must refuse: built with the JDK alone, so that the
 * tests do not share a library, and its mistakes, with the code under test.
 */
public final class Forge {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Forge() {
    }

    /** The server's current signing key, read from its key file as an attacker with file access would. */
    public static Key serverKey(Path dataFolder) throws Exception {
        JsonNode key = JSON.readTree(Files.readString(dataFolder.resolve("secrets").resolve("token-signing.jwks"))).path("keys").path(0);
        RSAPrivateKeySpec spec = new RSAPrivateKeySpec(new BigInteger(1, B64D.decode(key.path("n").asText())),
                new BigInteger(1, B64D.decode(key.path("d").asText())));
        return new Key(key.path("kid").asText(), KeyFactory.getInstance("RSA").generatePrivate(spec), null);
    }

    /** A key the server never saw. */
    public static Key strangerKey(String kid) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        return new Key(kid, pair.getPrivate(), (java.security.interfaces.RSAPublicKey) pair.getPublic());
    }

    /** A signing key; the public half is known for keys the test made itself. */
    public record Key(String kid, PrivateKey privateKey, java.security.interfaces.RSAPublicKey publicKey) {

        /** The public key as a JWK set, as an identity provider publishes it. */
        public String jwks() {
            return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                    + B64.encodeToString(unsigned(publicKey.getModulus())) + "\",\"e\":\""
                    + B64.encodeToString(unsigned(publicKey.getPublicExponent())) + "\"}]}";
        }

        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }
    }

    public static String rs256(Key key, String claimsJson) throws GeneralSecurityException {
        String signingInput = part("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\"}") + "." + part(claimsJson);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.privateKey());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(rsa.sign());
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(String claimsJson) {
        return part("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + part(claimsJson) + ".";
    }

    /** HS256 keyed with public text, the "algorithm confusion" attack on RSA-signed tokens. */
    public static String hs256(String kid, byte[] secret, String claimsJson) throws GeneralSecurityException {
        String signingInput = part("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}") + "." + part(claimsJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Claims as the server writes them, for {@code subject} with {@code role}, expiring at {@code exp} (epoch seconds). */
    public static String claims(String subject, String role, long exp) {
        long now = System.currentTimeMillis() / 1000;
        return "{\"iss\":\"porchlight\",\"aud\":\"porchlight-api\",\"sub\":\"" + subject + "\",\"role\":\"" + role
                + "\",\"iat\":" + Math.min(now, exp - 60) + ",\"exp\":" + exp + ",\"jti\":\"forged\"}";
    }

    /** The token's header, decoded. */
    public static JsonNode header(String token) throws Exception {
        return JSON.readTree(B64D.decode(token.split("\\.")[0]));
    }

    /** The token's claims, decoded. */
    public static JsonNode payload(String token) throws Exception {
        return JSON.readTree(B64D.decode(token.split("\\.")[1]));
    }

    /** The token with its payload replaced and the original signature kept. */
    public static String withPayload(String token, String claimsJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claimsJson) + "." + parts[2];
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
