package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.security.TokenGrants;
import org.porchlight.testing.TestClock;

class BrowserSessionsTest {

    private static final Caller RESIDENT = new Caller(UUID.randomUUID(), Roles.RESIDENT, null, Caller.Credential.TOKEN, null);

    /** Stands in for the identity bundle: knows the tokens it issued, and nothing else. */
    static final class Grants implements TokenGrants {
        final Map<String, Caller> access = new HashMap<>();
        final Map<String, Caller> refresh = new HashMap<>();
        final List<String> signedOut = new ArrayList<>();
        int issued;

        Grant issue(Caller caller) {
            issued++;
            String a = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.signature" + issued;
            String r = "plr_refreshtokenrefreshtoken" + issued;
            access.put(a, caller);
            refresh.put(r, caller);
            return new Grant(caller, a, Instant.now().plusSeconds(600), r);
        }

        @Override
        public Grant signIn(String email, String password, String clientAddress) {
            return issue(RESIDENT);
        }

        @Override
        public Optional<Caller> caller(String accessToken) {
            return Optional.ofNullable(access.get(accessToken));
        }

        @Override
        public Optional<Grant> refresh(String refreshToken) {
            Caller caller = refresh.remove(refreshToken);
            return caller == null ? Optional.empty() : Optional.of(issue(caller));
        }

        @Override
        public void signOut(String refreshToken) {
            signedOut.add(refreshToken);
            refresh.remove(refreshToken);
        }
    }

    private final Grants grants = new Grants();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final BrowserSessions sessions = new BrowserSessions(grants, clock);

    private Optional<Caller> callerWith(String cookie, FakeHttp.Response response) {
        return sessions.caller(new FakeHttp.Request().cookie("pl_session", cookie).build(), response.build());
    }

    @Test
    void theCookieOfASignInIsTheSignedInCaller() {
        TokenGrants.Grant grant = grants.issue(RESIDENT);
        FakeHttp.Response response = new FakeHttp.Response();
        assertThat(callerWith(BrowserSessions.value(grant), response)).contains(RESIDENT);
        assertThat(response.all("Set-Cookie")).isEmpty();
    }

    @Test
    void signingInSetsAnHttpOnlyLaxSessionCookieAndANewCsrfToken() {
        FakeHttp.Response response = new FakeHttp.Response();
        TokenGrants.Grant grant = grants.issue(RESIDENT);
        sessions.start(new FakeHttp.Request().build(), response.build(), grant);
        assertThat(response.all("Set-Cookie")).hasSize(2);
        assertThat(response.all("Set-Cookie").get(0))
                .isEqualTo("pl_session=" + BrowserSessions.value(grant) + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(response.all("Set-Cookie").get(1)).startsWith("pl_csrf=");

        FakeHttp.Response secure = new FakeHttp.Response();
        sessions.start(new FakeHttp.Request().secure().build(), secure.build(), grant);
        assertThat(secure.all("Set-Cookie").get(0)).startsWith("__Host-pl_session=").endsWith("; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void aTamperedCookieIsSomeoneSignedOutAndTheBrowserForgetsIt() {
        String value = BrowserSessions.value(grants.issue(RESIDENT));
        List<String> tampered = List.of(value.replace("signature", "signaturf").replace("plr_refresh", "plr_refresX"),
                value.substring(0, value.indexOf('~')), value + "x~plr_" + "a".repeat(30), "garbage", value.replace('~', '.'),
                "<script>~plr_" + "a".repeat(30), "a".repeat(5000));
        for (String cookie : tampered) {
            FakeHttp.Response response = new FakeHttp.Response();
            assertThat(callerWith(cookie, response)).as(cookie).isEmpty();
            assertThat(response.first("Set-Cookie")).as(cookie)
                    .isEqualTo("pl_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        }
    }

    @Test
    void anExpiredAccessTokenIsRenewedWithTheRefreshTokenOnce() {
        TokenGrants.Grant grant = grants.issue(RESIDENT);
        grants.access.remove(grant.accessToken()); // expired
        FakeHttp.Response response = new FakeHttp.Response();
        assertThat(callerWith(BrowserSessions.value(grant), response)).contains(RESIDENT);
        assertThat(response.first("Set-Cookie")).startsWith("pl_session=").doesNotContain(grant.refreshToken() + ";");

        clock.advance(BrowserSessions.RENEWAL_SHARING.plusSeconds(1));
        FakeHttp.Response again = new FakeHttp.Response();
        assertThat(callerWith(BrowserSessions.value(grant), again)).as("the old cookie's refresh token is used up").isEmpty();
    }

    @Test
    void requestsThatFindTheAccessTokenExpiredTogetherShareOneRenewal() {
        TokenGrants.Grant grant = grants.issue(RESIDENT);
        grants.access.remove(grant.accessToken());
        FakeHttp.Response first = new FakeHttp.Response();
        FakeHttp.Response second = new FakeHttp.Response();
        assertThat(callerWith(BrowserSessions.value(grant), first)).contains(RESIDENT);
        assertThat(callerWith(BrowserSessions.value(grant), second)).as("not a reuse of the refresh token").contains(RESIDENT);
        assertThat(grants.issued).as("one renewal").isEqualTo(2);
        assertThat(second.first("Set-Cookie")).isEqualTo(first.first("Set-Cookie"));
    }

    @Test
    void aSharedRenewalEndsWithTheSignOut() {
        TokenGrants.Grant grant = grants.issue(RESIDENT);
        grants.access.remove(grant.accessToken());
        FakeHttp.Response renewed = new FakeHttp.Response();
        callerWith(BrowserSessions.value(grant), renewed);
        String header = renewed.first("Set-Cookie");
        String successor = header.substring("pl_session=".length(), header.indexOf(';'));
        sessions.end(new FakeHttp.Request().cookie("pl_session", successor).build(), new FakeHttp.Response().build());
        assertThat(callerWith(BrowserSessions.value(grant), new FakeHttp.Response())).isEmpty();
    }

    @Test
    void onlyPorchlightsOwnAccessTokensMakeASession() {
        Caller viaKey = new Caller(UUID.randomUUID(), Roles.VENDOR, null, Caller.Credential.API_KEY, "key-1");
        TokenGrants.Grant grant = grants.issue(viaKey);
        grants.refresh.clear();
        assertThat(callerWith(BrowserSessions.value(grant), new FakeHttp.Response())).isEmpty();
    }

    @Test
    void signingOutRevokesTheRefreshTokenAndClearsTheCookie() {
        TokenGrants.Grant grant = grants.issue(RESIDENT);
        FakeHttp.Response response = new FakeHttp.Response();
        sessions.end(new FakeHttp.Request().cookie("pl_session", BrowserSessions.value(grant)).build(), response.build());
        assertThat(grants.signedOut).containsExactly(grant.refreshToken());
        assertThat(response.all("Set-Cookie").get(0)).isEqualTo("pl_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        assertThat(response.all("Set-Cookie").get(1)).startsWith("pl_csrf=");
    }
}
