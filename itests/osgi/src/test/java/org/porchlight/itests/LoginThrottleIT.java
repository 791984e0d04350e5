package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Before;
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
 * Sign-in throttling by client address, over HTTP: nobody locks another person out, one address
 * guessing many accounts is stopped, and X-Forwarded-For counts only from a trusted proxy. The
 * framework trusts 127.0.0.1 as a proxy, so that tests speak from many client addresses through
 * the header; a socket bound to 127.0.0.2 is a peer that is not trusted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoginThrottleIT extends PorchlightTestSupport {

    private static final String PASSWORD = "a long throttle passphrase";
    private static boolean configured;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Before
    public void trustLoopbackAsProxyAndAllowThreeFailuresPerAddress() throws Exception {
        if (configured) {
            return;
        }
        update("org.porchlight.rest", "trustedProxies", new String[] {"127.0.0.1"});
        update("org.porchlight.identity", "freeAddressFailures", 3);
        // The throttle restarts with the new allowance (DS publishes it as a service property), the
        // sign-in resource with it; the client addresses take the proxies without a restart.
        awaitService("(&(objectClass=org.porchlight.identity.LoginThrottle)(freeAddressFailures=3))");
        awaitService("(&(objectClass=org.porchlight.api.rest.ClientAddresses)(trustedProxies=127.0.0.1))");
        http.await("/api/auth/jwks.json", r -> r.status() == 200, SWAP_TIMEOUT);
        configured = true;
    }

    @Test
    public void manyFailuresFromOneAddressBlockEveryAccountFromItButNotFromElsewhere() {
        signUp("lee@throttle.example");
        for (int i = 0; i < 4; i++) {
            assertEquals(401, signIn("guess" + i + "@throttle.example", "some wrong passphrase", "192.0.2.1").status());
        }
        Http.Response blocked = signIn("lee@throttle.example", PASSWORD, "192.0.2.1");
        assertEquals("the fourth failure from this address blocks it", 429, blocked.status());
        assertTrue(blocked.header("Retry-After").isPresent());
        assertEquals("urn:porchlight:problem:too-many-attempts", blocked.json().path("type").asText());
        assertEquals("from another address Lee signs in", 200, signIn("lee@throttle.example", PASSWORD, "192.0.2.2").status());
    }

    @Test
    public void aStrangerCannotLockOutAnAccountNorThePlatformAdmin() {
        signUp("owner@throttle.example");
        for (String victim : new String[] {"owner@throttle.example", ADMIN_EMAIL}) {
            String stranger = victim.equals(ADMIN_EMAIL) ? "198.51.100.12" : "198.51.100.10";
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                int status = signIn(victim, "guessed passphrase " + i, stranger).status();
                assertTrue(victim + ": " + status, status == 401 || status == 429);
                refused += status == 429 ? 1 : 0;
            }
            assertTrue("the stranger is slowed down", refused > 0);
            String home = victim.equals(ADMIN_EMAIL) ? "198.51.100.13" : "198.51.100.11";
            assertEquals(victim + " signs in from their own address", 200,
                    signIn(victim, victim.equals(ADMIN_EMAIL) ? ADMIN_PASSWORD : PASSWORD, home).status());
        }
    }

    @Test
    public void forwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() throws Exception {
        signUp("kim@throttle.example");
        for (int i = 0; i < 4; i++) {
            // A new spoofed address each time: were the header believed, no address would reach its limit.
            assertEquals(401, signInFrom("127.0.0.2", "spoof" + i + "@throttle.example", "some wrong passphrase", "203.0.113." + i));
        }
        assertEquals("the failures all counted against the real peer", 429,
                signInFrom("127.0.0.2", "kim@throttle.example", PASSWORD, "203.0.113.99"));
        assertEquals("through the trusted proxy the header counts", 200, signIn("kim@throttle.example", PASSWORD, "203.0.113.98").status());
    }

    private Http.Response signIn(String email, String password, String clientAddress) {
        return http.send("POST", "/api/auth/token", "application/x-www-form-urlencoded", form(email, password),
                "X-Forwarded-For", clientAddress);
    }

    /** Signs in over a socket bound to {@code localAddress}, which the server sees as the peer; returns the status. */
    private int signInFrom(String localAddress, String email, String password, String forwardedFor) throws IOException {
        byte[] body = form(email, password).getBytes(StandardCharsets.UTF_8);
        int port = Integer.parseInt(context.getProperty("porchlight.http.port"));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            String head = "POST /api/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private static String form(String email, String password) {
        return "grant_type=password&username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private void signUp(String email) {
        http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"T\"}");
    }

    private void update(String pid, String key, Object value) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> settings = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        settings.put(key, value);
        configuration.update(settings);
    }

    private void awaitService(String filter) throws Exception {
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (context.getServiceReferences((String) null, filter) == null) {
            assertTrue("no service matches " + filter, System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }
}
