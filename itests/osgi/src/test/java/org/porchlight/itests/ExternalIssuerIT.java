package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.itests.support.Forge;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.sun.net.httpserver.HttpServer;

/**
 * An agency that signs its staff in with its own OpenID Connect provider: the test is the
 * provider, serving its JWK set over HTTP and signing tokens with its own key.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExternalIssuerIT extends PorchlightTestSupport {

    private static final String ISSUER = "https://idp.itest.example/realms/oidc";
    private static final String AUDIENCE = "porchlight";

    @Inject
    private ConfigurationAdmin configAdmin;

    private HttpServer provider;
    private Forge.Key key;
    private Configuration configuration;

    @Before
    public void startTheProvider() throws Exception {
        key = Forge.strangerKey("idp-key-1");
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = key.jwks().getBytes(StandardCharsets.UTF_8);
        provider.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        provider.start();

        int status = http.postJson("/api/agencies", IdentityIT.agency("OIDC"), asAdmin()).status();
        assertTrue("created, or left by the other test: " + status, status == 201 || status == 409);
        configuration = configAdmin.getFactoryConfiguration("org.porchlight.identity.oidc", "itest", "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("agency", "oidc");
        settings.put("issuer", ISSUER);
        settings.put("audience", AUDIENCE);
        settings.put("jwksUrl", "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json");
        settings.put("roleClaim", "groups");
        settings.put("roleMap", new String[] {"admins=AGENCY_ADMIN", "patrol=OFFICER"});
        configuration.update(settings);
    }

    @After
    public void stopTheProvider() throws Exception {
        configuration.delete();
        provider.stop(0);
    }

    @Test
    public void providerTokensAreAcceptedAndMappedToRolesByTheConfiguredClaim() throws Exception {
        String officer = token(key, AUDIENCE, "[\"patrol\",\"cyclists\"]");
        http.await("/api/agencies/OIDC", r -> r.status() == 200, SWAP_TIMEOUT, bearer(officer));
        Http.Response me = http.get("/api/me", bearer(officer));
        assertEquals("OFFICER", me.json().path("role").asText());
        assertEquals("OIDC", me.json().path("agency").asText());
        assertEquals("officers may not manage staff", 403, http.get("/api/agencies/OIDC/staff", bearer(officer)).status());
        assertEquals("the first mapping in the configured order wins", 200,
                http.get("/api/agencies/OIDC/staff", bearer(token(key, AUDIENCE, "[\"patrol\",\"admins\"]"))).status());
        assertEquals("another agency is out of reach", 404, http.get("/api/agencies/MXQ", bearer(officer)).status());
    }

    @Test
    public void providerTokensForAnotherAudienceWithoutAMappedRoleOrByAnotherKeyAreRefused() throws Exception {
        http.await("/api/agencies/OIDC", r -> r.status() == 200, SWAP_TIMEOUT, bearer(token(key, AUDIENCE, "[\"patrol\"]")));
        assertEquals(401, http.get("/api/agencies/OIDC", bearer(token(key, "someone-else", "[\"patrol\"]"))).status());
        assertEquals(401, http.get("/api/agencies/OIDC", bearer(token(key, AUDIENCE, "[\"cyclists\"]"))).status());
        Forge.Key impostor = Forge.strangerKey(key.kid());
        assertEquals(401, http.get("/api/agencies/OIDC", bearer(token(impostor, AUDIENCE, "[\"patrol\"]"))).status());
    }

    private static String token(Forge.Key signer, String audience, String groups) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return Forge.rs256(signer, "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + audience + "\",\"sub\":\"user-42\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + ",\"groups\":" + groups + "}");
    }
}
