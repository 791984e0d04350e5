package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * Sign-in throttling per client address: one address that fails for many accounts is slowed
 * down as a whole, even for an account it has never tried. Its own framework, because the
 * whole class shares one client address.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoginThrottleIT extends PorchlightTestSupport {

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void manyFailuresFromOneAddressBlockEveryAccountFromIt() throws Exception {
        http.postJson("/api/accounts", "{\"email\":\"lee@throttle.example\",\"password\":\"a long throttle passphrase\",\"displayName\":\"Lee\"}");
        Configuration identity = configAdmin.getConfiguration("org.porchlight.identity", "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("freeAddressFailures", 3);
        identity.update(settings);
        // The throttle restarts with the new allowance (DS publishes it as a service property),
        // and the sign-in resource restarts with the throttle.
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (context.getServiceReferences((String) null,
                "(&(objectClass=org.porchlight.identity.LoginThrottle)(freeAddressFailures=3))") == null) {
            assertTrue("the throttle did not take the new allowance", System.nanoTime() < deadline);
            Thread.sleep(50);
        }
        http.await("/api/auth/jwks.json", r -> r.status() == 200, SWAP_TIMEOUT);

        for (int i = 0; i < 4; i++) {
            assertEquals(401, signInAs("guess" + i + "@throttle.example", "some wrong passphrase").status());
        }
        Http.Response blocked = signInAs("lee@throttle.example", "a long throttle passphrase");
        assertEquals("the fourth failure from this address blocks it", 429, blocked.status());
        assertTrue(blocked.header("Retry-After").isPresent());
        assertEquals("urn:porchlight:problem:too-many-attempts", blocked.json().path("type").asText());
    }

    private Http.Response signInAs(String email, String password) {
        return http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password", password));
    }
}
