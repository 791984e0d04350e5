package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Forge;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Accounts and tokens over HTTP: sign-up without revealing who has an account, sign-in,
 * rotating refresh tokens, sign-out, the first admin, invitations, and every kind of token a
 * server must refuse.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdentityIT extends PorchlightTestSupport {

    private static final String PASSWORD = "a long resident passphrase";

    @Test
    public void theFirstAdminCameFromTheEnvironmentSoSetupIsClosed() {
        assertFalse(http.get("/api/setup").json().path("required").asBoolean());
        Http.Response again = http.postJson("/api/setup",
                "{\"setupToken\":\"pls_guess\",\"email\":\"second@itest.example\",\"password\":\"another long passphrase\",\"displayName\":\"X\"}");
        assertEquals(400, again.status());
        assertEquals("urn:porchlight:problem:invalid-token", again.json().path("type").asText());
        assertEquals("PLATFORM_ADMIN", signIn(ADMIN_EMAIL, ADMIN_PASSWORD).path("role").asText());
    }

    @Test
    public void signUpAnswersTheSameForNewAndExistingAddressesAndChangesNothingForExisting() {
        Http.Response first = signUp("dana@itest.example", PASSWORD);
        Http.Response second = signUp("Dana@itest.example", "a different passphrase here");
        assertEquals(202, first.status());
        assertEquals(first.status(), second.status());
        assertEquals(first.body(), second.body());
        JsonNode tokens = signIn("dana@itest.example", PASSWORD);
        assertEquals("RESIDENT", tokens.path("role").asText());
        assertEquals(401, token("dana@itest.example", "a different passphrase here").status());

        Http.Response me = http.get("/api/me", bearer(tokens.path("access_token").asText()));
        assertEquals(200, me.status());
        assertEquals("dana@itest.example", me.json().path("email").asText());
        assertEquals("RESIDENT", me.json().path("role").asText());
    }

    @Test
    public void anUnverifiedResidentsAccountWorksAndOnlyAMailedTokenVerifiesIt() throws Exception {
        signUp("gus@itest.example", PASSWORD);
        String[] gus = bearer(signIn("gus@itest.example", PASSWORD).path("access_token").asText());
        java.util.UUID id = java.util.UUID.fromString(http.get("/api/me", gus).json().path("id").asText());
        org.porchlight.api.security.Accounts accounts = service(org.porchlight.api.security.Accounts.class, null);
        assertFalse("not verified by signing up", accounts.emailVerified(id));
        for (String made : new String[] {"plv_" + "A".repeat(43), "plv_short", "pla_" + "A".repeat(43), "x"}) {
            Http.Response refused = http.postJson("/api/auth/verify-email", "{\"token\":\"" + made + "\"}");
            assertEquals(400, refused.status());
            assertEquals("urn:porchlight:problem:invalid-verification-link", refused.json().path("type").asText());
        }
        assertEquals(400, http.postJson("/api/auth/verify-email", "{}").status());
        Http.Response noMail = http.postJson("/api/auth/verify-email/resend", "{}", gus);
        assertEquals("this framework has no mail server", 503, noMail.status());
        assertEquals(401, http.postJson("/api/auth/verify-email/resend", "{}").status());
        assertFalse(accounts.emailVerified(id));
        assertEquals(200, http.get("/api/me", gus).status());
    }

    @Test
    public void aWeakPasswordIsRefusedNamingTheField() {
        Http.Response weak = signUp("weak@itest.example", "short");
        assertEquals(400, weak.status());
        assertEquals("password", weak.json().path("errors").path(0).path("field").asText());
    }

    @Test
    public void aWrongPasswordAndAnUnknownAccountLookTheSame() {
        signUp("erin@itest.example", PASSWORD);
        Http.Response wrongPassword = token("erin@itest.example", "not the passphrase at all");
        Http.Response unknown = token("nobody-" + System.nanoTime() + "@itest.example", "not the passphrase at all");
        assertEquals(401, wrongPassword.status());
        assertEquals(401, unknown.status());
        assertEquals(wrongPassword.json().path("type"), unknown.json().path("type"));
        assertEquals(wrongPassword.json().path("detail"), unknown.json().path("detail"));
    }

    @Test
    public void failedSignInsToOneAccountBackOffWithGrowingWaits() throws Exception {
        signUp("fay@itest.example", PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, token("fay@itest.example", "wrong passphrase " + i).status());
        }
        assertEquals("the sixth failure blocks", 401, token("fay@itest.example", "wrong passphrase 5").status());
        Http.Response blocked = token("fay@itest.example", PASSWORD);
        assertEquals("even the right password waits", 429, blocked.status());
        long firstWait = Long.parseLong(blocked.header("Retry-After").orElseThrow());
        Thread.sleep(firstWait * 1000 + 200);
        assertEquals(401, token("fay@itest.example", "wrong passphrase 6").status());
        long secondWait = Long.parseLong(token("fay@itest.example", PASSWORD).header("Retry-After").orElseThrow());
        assertTrue("waits grow: " + firstWait + " then " + secondWait, secondWait > firstWait);
        // Another account from the same address is not held up by these few failures.
        signUp("gus@itest.example", PASSWORD);
        assertEquals(200, token("gus@itest.example", PASSWORD).status());
    }

    @Test
    public void refreshTokensRotateAndAReusedOneRevokesTheWholeSignIn() {
        signUp("hal@itest.example", PASSWORD);
        String first = signIn("hal@itest.example", PASSWORD).path("refresh_token").asText();
        Http.Response rotated = refresh(first);
        assertEquals(200, rotated.status());
        String second = rotated.json().path("refresh_token").asText();
        assertNotEquals(first, second);
        assertEquals(200, http.get("/api/me", bearer(rotated.json().path("access_token").asText())).status());

        Http.Response again = refresh(first);
        assertEquals("presented again at once (a page's requests renewing together): the same successor",
                second, again.json().path("refresh_token").asText());
        String third = refresh(second).json().path("refresh_token").asText();
        assertEquals("a used refresh token whose successor was used is a copy: refused", 401, refresh(first).status());
        assertEquals("and the sign-in ends with it", 401, refresh(third).status());
    }

    @Test
    public void signingOutRevokesTheRefreshToken() {
        signUp("ida@itest.example", PASSWORD);
        String refreshToken = signIn("ida@itest.example", PASSWORD).path("refresh_token").asText();
        assertEquals(204, http.postForm("/api/auth/logout", Map.of("refresh_token", refreshToken)).status());
        assertEquals(401, refresh(refreshToken).status());
    }

    @Test
    public void invitedStaffActivateWithTheOneTimeToken() {
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", agency("IDPD"), admin).status());
        Http.Response invited = http.postJson("/api/agencies/IDPD/staff",
                "{\"email\":\"sgt.ito@itest.example\",\"displayName\":\"Sgt Ito\",\"role\":\"SUPERVISOR\"}", admin);
        assertEquals(201, invited.status());
        String activation = invited.json().path("activationToken").asText();
        assertEquals("PENDING", invited.json().path("account").path("status").asText());
        assertEquals("no password yet", 401, token("sgt.ito@itest.example", PASSWORD).status());

        Http.Response activated = http.postJson("/api/accounts/activate", "{\"token\":\"" + activation + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, activated.status());
        JsonNode tokens = signIn("sgt.ito@itest.example", PASSWORD);
        assertEquals("SUPERVISOR", tokens.path("role").asText());
        assertEquals("IDPD", tokens.path("agency").asText());
        assertEquals("the token is used up", 400,
                http.postJson("/api/accounts/activate", "{\"token\":\"" + activation + "\",\"password\":\"" + PASSWORD + "\"}").status());
    }

    @Test
    public void invitingStaffWithAnAddressInUseAnswersAsForAFreshOneAndLeavesTheAccountAlone() {
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", agency("IVPD"), admin).status());
        signUp("rita@itest.example", PASSWORD);
        staffMember("IVPD", "stan@itest.example", "OFFICER", admin);

        Http.Response fresh = invite("IVPD", "fresh-" + System.nanoTime() + "@itest.example", admin);
        assertEquals(201, fresh.status());
        // A resident's address, in other spellings, and a staff member's address.
        for (String taken : new String[] {"rita@itest.example", "RITA@itest.example", " Rita@Itest.Example", "stan@itest.example"}) {
            Http.Response inUse = invite("IVPD", taken, admin);
            assertEquals(taken, fresh.status(), inUse.status());
            assertEquals(taken, shape(fresh.json()), shape(inUse.json()));
            assertEquals(taken, fresh.header("Content-Type"), inUse.header("Content-Type"));
            assertEquals(taken, fresh.header("Location").map(l -> l.replaceAll("[0-9a-f-]{36}$", "ID")),
                    inUse.header("Location").map(l -> l.replaceAll("[0-9a-f-]{36}$", "ID")));
            JsonNode account = inUse.json().path("account");
            assertEquals("PENDING", account.path("status").asText());
            assertEquals("OFFICER", account.path("role").asText());
            assertEquals("IVPD", account.path("agency").asText());
            assertEquals(fresh.json().path("activationToken").asText().length(), inUse.json().path("activationToken").asText().length());
            assertEquals("the stand-in token activates nothing", 400, http.postJson("/api/accounts/activate",
                    "{\"token\":\"" + inUse.json().path("activationToken").asText() + "\",\"password\":\"" + PASSWORD + "x\"}").status());
        }

        JsonNode resident = signIn("rita@itest.example", PASSWORD);
        assertEquals("the resident keeps role and password", "RESIDENT", resident.path("role").asText());
        Http.Response me = http.get("/api/me", bearer(resident.path("access_token").asText()));
        assertEquals("ACTIVE", me.json().path("status").asText());
        assertTrue(me.json().path("agency").isNull() || me.json().path("agency").isMissingNode());
        assertEquals(401, token("rita@itest.example", PASSWORD + "x").status());
        assertEquals("the staff member keeps theirs", "OFFICER", signIn("stan@itest.example", PASSWORD).path("role").asText());
        assertFalse("no staff row for the resident", http.get("/api/agencies/IVPD/staff", admin).body().contains("rita@"));
    }

    private Http.Response invite(String agency, String email, String[] admin) {
        return http.postJson("/api/agencies/" + agency + "/staff",
                "{\"email\":\"" + email.trim() + "\",\"displayName\":\"Someone\",\"role\":\"OFFICER\"}", admin);
    }

    /** The field names of a JSON answer, nested, with the kinds of their values. */
    private static String shape(JsonNode node) {
        if (!node.isObject()) {
            return node.getNodeType().name();
        }
        StringBuilder shape = new StringBuilder("{");
        node.fieldNames().forEachRemaining(name -> shape.append(name).append(':').append(shape(node.path(name))).append(','));
        return shape.append('}').toString();
    }

    @Test
    public void forgedExpiredUnsignedAndConfusedTokensAreRefused() throws Exception {
        signUp("jo@itest.example", PASSWORD);
        String good = signIn("jo@itest.example", PASSWORD).path("access_token").asText();
        assertEquals(200, http.get("/api/me", bearer(good)).status());
        JsonNode claims = Forge.payload(good);
        String subject = claims.path("sub").asText();
        long exp = claims.path("exp").asLong();
        Forge.Key serverKey = Forge.serverKey(Path.of(context.getProperty("porchlight.data")));

        // The control: a token made with the server's own key is accepted, so the refusals below are about what they change.
        assertEquals(200, http.get("/api/me", bearer(Forge.rs256(serverKey, Forge.claims(subject, "RESIDENT", exp)))).status());

        Map<String, String> refused = Map.of(
                "tampered", Forge.withPayload(good, Forge.claims(subject, "PLATFORM_ADMIN", exp)),
                "expired", Forge.rs256(serverKey, Forge.claims(subject, "RESIDENT", System.currentTimeMillis() / 1000 - 120)),
                "wrong key", Forge.rs256(Forge.strangerKey(serverKey.kid()), Forge.claims(subject, "RESIDENT", exp)),
                "alg none", Forge.unsigned(Forge.claims(subject, "PLATFORM_ADMIN", exp)),
                "HS256 with the public key", Forge.hs256(serverKey.kid(), http.get("/api/auth/jwks.json").body().getBytes(),
                        Forge.claims(subject, "PLATFORM_ADMIN", exp)),
                "garbage", "not-a-token");
        refused.forEach((kind, token) -> {
            Http.Response r = http.get("/api/me", bearer(token));
            assertEquals(kind, 401, r.status());
            assertEquals(kind, "urn:porchlight:problem:unauthenticated", r.json().path("type").asText());
            assertTrue(kind, r.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
        });
        assertEquals("a public route refuses a bad token too", 401,
                http.get("/api/health", bearer(Forge.unsigned(Forge.claims(subject, "RESIDENT", exp)))).status());
    }

    @Test
    public void rotatingTheSigningKeySignsNobodyOut() throws Exception {
        String[] admin = asAdmin();
        String before = admin[1].substring("Bearer ".length());
        Http.Response rotated = http.send("POST", "/api/auth/keys/rotate", null, null, admin);
        assertEquals(200, rotated.status());
        String newKid = rotated.json().path("kid").asText();

        assertEquals("a token signed with the old key still works", 200, http.get("/api/admin/modules", admin).status());
        String after = signIn(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
        assertEquals(newKid, Forge.header(after).path("kid").asText());
        assertNotEquals(Forge.header(before).path("kid").asText(), newKid);
        assertEquals(2, http.get("/api/auth/jwks.json").json().path("keys").size());
        assertFalse("public keys only", http.get("/api/auth/jwks.json").body().contains("\"d\""));

        Http.Response again = http.send("POST", "/api/auth/keys/rotate", null, null, asAdmin());
        assertEquals("one rotation per keyRotationMinutes", 429, again.status());
        assertEquals("urn:porchlight:problem:key-rotation-too-soon", again.json().path("type").asText());
        assertTrue(Long.parseLong(again.header("Retry-After").orElseThrow()) > 0);
        assertEquals(2, http.get("/api/auth/jwks.json").json().path("keys").size());
    }

    @Test
    public void aDisabledStaffMembersTokenIsRefusedOnTheVeryNextRequest() {
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", agency("RVPD"), admin).status());
        String id = staffMember("RVPD", "off.ray@itest.example", "OFFICER", admin);
        JsonNode tokens = signIn("off.ray@itest.example", PASSWORD);
        String[] officer = bearer(tokens.path("access_token").asText());
        assertEquals(200, http.get("/api/me", officer).status());

        assertEquals(204, http.send("DELETE", "/api/agencies/RVPD/staff/" + id, null, null, admin).status());

        assertEquals("the token is refused at once", 401, http.get("/api/me", officer).status());
        assertEquals("and the refresh token is revoked", 401, refresh(tokens.path("refresh_token").asText()).status());
        assertEquals("no new sign-in either", 401, token("off.ray@itest.example", PASSWORD).status());
    }

    @Test
    public void aRoleChangeAppliesOnTheNextRequest() {
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", agency("RCPD"), admin).status());
        String id = staffMember("RCPD", "adm.ria@itest.example", "AGENCY_ADMIN", admin);
        JsonNode tokens = signIn("adm.ria@itest.example", PASSWORD);
        String[] agencyAdmin = bearer(tokens.path("access_token").asText());
        assertEquals(200, http.get("/api/agencies/RCPD/staff", agencyAdmin).status());

        assertEquals(204, http.send("PUT", "/api/agencies/RCPD/staff/" + id + "/role", "application/json",
                "{\"role\":\"OFFICER\"}", admin).status());

        assertEquals("the token naming the old role is refused", 401, http.get("/api/agencies/RCPD/staff", agencyAdmin).status());
        Http.Response refreshed = refresh(tokens.path("refresh_token").asText());
        assertEquals(200, refreshed.status());
        assertEquals("OFFICER", refreshed.json().path("role").asText());
        assertEquals("the old role's access is gone", 403,
                http.get("/api/agencies/RCPD/staff", bearer(refreshed.json().path("access_token").asText())).status());
    }

    @Test
    public void anAgencyAdminCannotMoveTheirJurisdictionOverAnotherAgencysButAPlatformAdminCan() {
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", agency("JUKC"), admin).status());
        String far = agency("JUFA").replace("\"latitude\":39.0997,\"longitude\":-94.5786", "\"latitude\":38.6270,\"longitude\":-90.1994");
        assertEquals(201, http.postJson("/api/agencies", far, admin).status());
        staffMember("JUFA", "adm.jo@itest.example", "AGENCY_ADMIN", admin);
        String[] farAdmin = bearer(signIn("adm.jo@itest.example", PASSWORD).path("access_token").asText());
        String update = "{\"name\":\"JUFA Police\",\"timeZone\":\"America/Chicago\",\"contactEmail\":\"records@jufa.example\","
                + "\"jurisdiction\":{\"type\":\"circle\",\"center\":{\"latitude\":39.10,\"longitude\":-94.60},\"radiusMeters\":5000}}";

        Http.Response refused = http.send("PUT", "/api/agencies/JUFA", "application/json", update, farAdmin);
        assertEquals(403, refused.status());
        assertEquals("urn:porchlight:problem:jurisdiction-overlap", refused.json().path("type").asText());
        assertTrue(refused.json().path("detail").asText().contains("JUKC"));
        assertEquals("its own settings stay editable", 200, http.send("PUT", "/api/agencies/JUFA", "application/json",
                update.replace("39.10,\"longitude\":-94.60", "38.6270,\"longitude\":-90.1994"), farAdmin).status());
        assertEquals(200, http.send("PUT", "/api/agencies/JUFA", "application/json", update, admin).status());
    }

    /** Invites and activates a staff member; returns the account's id. */
    private String staffMember(String agency, String email, String role, String[] admin) {
        Http.Response invited = http.postJson("/api/agencies/" + agency + "/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"Staff\",\"role\":\"" + role + "\"}", admin);
        assertEquals(201, invited.status());
        assertEquals(200, http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText()
                + "\",\"password\":\"" + PASSWORD + "\"}").status());
        return invited.json().path("account").path("id").asText();
    }

    @Test
    public void apiKeysReachIntegrationEndpointsOnlyAndCanBeRevoked() {
        String[] admin = asAdmin();
        Http.Response vendor = http.postJson("/api/vendors", "{\"email\":\"ops@vendor.example\",\"displayName\":\"Vendor\"}", admin);
        assertEquals(201, vendor.status());
        http.postJson("/api/accounts/activate",
                "{\"token\":\"" + vendor.json().path("activationToken").asText() + "\",\"password\":\"" + PASSWORD + "\"}");
        String[] vendorSession = bearer(signIn("ops@vendor.example", PASSWORD).path("access_token").asText());

        Http.Response created = http.postJson("/api/api-keys", "{\"name\":\"sync job\"}", vendorSession);
        assertEquals(201, created.status());
        String key = created.json().path("key").asText();
        assertTrue(key.startsWith("plk_"));
        // plk_<id>_<secret>: the secret is all after the id (it may hold '_' itself, so not after the last one)
        String secret = key.substring(key.indexOf('_', "plk_".length()) + 1);
        assertFalse("the list never shows the secret", http.get("/api/api-keys", vendorSession).body().contains(secret));

        Http.Response whoami = http.get("/api/integration/whoami", bearer(key));
        assertEquals(200, whoami.status());
        assertEquals("API_KEY", whoami.json().path("credential").asText());
        assertEquals("a key cannot manage keys", 403, http.get("/api/api-keys", bearer(key)).status());
        assertEquals(401, http.get("/api/integration/whoami", bearer(key + "x")).status());

        assertEquals(204, http.send("DELETE", "/api/api-keys/" + created.json().path("id").asText(), null, null, vendorSession).status());
        assertEquals(401, http.get("/api/integration/whoami", bearer(key)).status());
    }

    private Http.Response signUp(String email, String password) {
        return http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Resident\"}");
    }

    private Http.Response token(String email, String password) {
        return http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password", password));
    }

    private Http.Response refresh(String refreshToken) {
        return http.postForm("/api/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    static String agency(String code) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + code + " Police\",\"timeZone\":\"America/Chicago\","
                + "\"contactEmail\":\"records@" + code.toLowerCase() + ".example\",\"jurisdiction\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},\"radiusMeters\":20000}}";
    }
}
