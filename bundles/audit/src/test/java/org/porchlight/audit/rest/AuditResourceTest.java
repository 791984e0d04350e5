package org.porchlight.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.audit.AuditChain;
import org.porchlight.audit.MemoryDatabase;
import org.porchlight.audit.rest.AuditResource.AuditPage;

/**
 * Who sees which entries, called as the REST core will call it once it has authenticated the
 * caller (the HTTP path, with tokens, is tested with the core's enforcement).
 */
class AuditResourceTest {

    private static final SecurityContext PLATFORM_ADMIN = as(Roles.PLATFORM_ADMIN, null);
    private static final SecurityContext KCPD_ADMIN = as(Roles.AGENCY_ADMIN, "KCPD");

    private MemoryDatabase database;
    private AuditChain chain;
    private AuditResource resource;

    @BeforeEach
    void appendEntriesOfSeveralTenants() throws SQLException {
        database = new MemoryDatabase();
        chain = new AuditChain(database);
        resource = new AuditResource(database, chain);
        for (String tenant : new String[] {"KCPD", null, "KCSO", "kcpd", "KCSO", "KCPD"}) {
            chain.append(new AuditEvent(Actor.system("test"), tenant, "tick", "", "ok", null));
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        chain.stop();
        database.close();
    }

    @Test
    void aPlatformAdministratorSeesEveryEntry() {
        assertThat(sequences(resource.entries(null, 0, 100, PLATFORM_ADMIN))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aPlatformAdministratorFiltersByTenantInAnySpelling() {
        assertThat(sequences(resource.entries("kcpd", 0, 100, PLATFORM_ADMIN))).containsExactly(1L, 4L, 6L);
        assertThat(sequences(resource.entries("KCSO", 0, 100, PLATFORM_ADMIN))).containsExactly(3L, 5L);
    }

    @Test
    void anAgencyAdministratorSeesOnlyTheirOwnAgency() {
        assertThat(sequences(resource.entries(null, 0, 100, KCPD_ADMIN))).containsExactly(1L, 4L, 6L);
        assertThat(sequences(resource.entries("kcpd", 0, 100, KCPD_ADMIN))).containsExactly(1L, 4L, 6L);
    }

    @Test
    void anAgencyAdministratorNamingAnotherAgencyGetsAnEmptyPage() {
        assertThat(resource.entries("KCSO", 0, 100, KCPD_ADMIN)).isEqualTo(new AuditPage(List.of(), null));
        assertThat(resource.entries("NOSUCH", 0, 100, KCPD_ADMIN)).isEqualTo(new AuditPage(List.of(), null));
    }

    @Test
    void pagesFollowTheSequence() {
        AuditPage first = resource.entries(null, 0, 4, PLATFORM_ADMIN);
        assertThat(sequences(first)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(first.next()).isEqualTo(4L);
        AuditPage second = resource.entries(null, first.next(), 4, PLATFORM_ADMIN);
        assertThat(sequences(second)).containsExactly(5L, 6L);
        assertThat(second.next()).isNull();

        AuditPage own = resource.entries(null, 1, 1, KCPD_ADMIN);
        assertThat(sequences(own)).containsExactly(4L);
        assertThat(own.next()).isEqualTo(4L);
    }

    @Test
    void verificationIsTheChains() {
        assertThat(resource.verify(KCPD_ADMIN)).isEqualTo(new AuditVerification(true, 6, null, null));
    }

    private static List<Long> sequences(AuditPage page) {
        return page.entries().stream().map(AuditEntry::sequence).toList();
    }

    private static SecurityContext as(String role, String agency) {
        Caller caller = new Caller(UUID.randomUUID(), role, agency, Caller.Credential.TOKEN, null);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String name) {
                return caller.hasRole(name);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }
}
