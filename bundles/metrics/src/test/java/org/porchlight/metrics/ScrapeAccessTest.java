package org.porchlight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.metrics.ScrapeAccess.Decision;

class ScrapeAccessTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    /** Knows "admin", "resident", "admin-key" (a platform admin's role on an API key) and refuses "expired". */
    private final List<Authenticator> authenticators = List.of(credential -> switch (credential) {
        case "admin" -> Optional.of(new Caller(UUID.randomUUID(), Roles.PLATFORM_ADMIN, null, Caller.Credential.TOKEN, null));
        case "resident" -> Optional.of(new Caller(UUID.randomUUID(), Roles.RESIDENT, null, Caller.Credential.TOKEN, null));
        case "admin-key" -> Optional.of(new Caller(UUID.randomUUID(), Roles.PLATFORM_ADMIN, null, Caller.Credential.API_KEY, "k1"));
        case "expired" -> throw new AuthenticationException("expired");
        default -> Optional.empty();
    });

    @Test
    void theScrapeTokenAndPlatformAdminsMayRead() {
        ScrapeAccess access = new ScrapeAccess(TOKEN);
        assertThat(access.decide("Bearer " + TOKEN, authenticators)).isEqualTo(Decision.ALLOWED);
        assertThat(access.decide("bearer  " + TOKEN, authenticators)).isEqualTo(Decision.ALLOWED);
        assertThat(access.decide("Bearer admin", authenticators)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void anybodyWithoutAKnownCredentialIsUnauthenticated() {
        ScrapeAccess access = new ScrapeAccess(TOKEN);
        assertThat(access.decide(null, authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.decide("Bearer " + TOKEN.substring(1), authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.decide("Bearer expired", authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.decide("Basic " + TOKEN, authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.decide(TOKEN, authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
    }

    @Test
    void otherRolesAndApiKeysAreForbidden() {
        ScrapeAccess access = new ScrapeAccess(TOKEN);
        assertThat(access.decide("Bearer resident", authenticators)).isEqualTo(Decision.FORBIDDEN);
        assertThat(access.decide("Bearer admin-key", authenticators)).isEqualTo(Decision.FORBIDDEN);
    }

    @Test
    void withoutATokenConfiguredOnlyPlatformAdminsMayRead() {
        ScrapeAccess access = new ScrapeAccess(null);
        assertThat(access.decide("Bearer admin", authenticators)).isEqualTo(Decision.ALLOWED);
        assertThat(access.decide("Bearer ", authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.decide("Bearer null", authenticators)).isEqualTo(Decision.UNAUTHENTICATED);
    }
}
