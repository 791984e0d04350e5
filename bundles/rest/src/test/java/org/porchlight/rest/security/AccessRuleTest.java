package org.porchlight.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.ApiKeyAccess;
import org.porchlight.api.security.PersonalData;

class AccessRuleTest {

    static class Undeclared {
        public void method() {
        }
    }

    @RolesAllowed("SUPERVISOR")
    static class Declared {
        public void inherits() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }

        @RolesAllowed({"VENDOR", "PLATFORM_ADMIN"})
        @ApiKeyAccess
        @PersonalData
        public void integration() {
        }
    }

    @Test
    void nothingDeclaredMeansNobody() throws Exception {
        assertThat(AccessRule.of(Undeclared.class.getMethod("method")).access()).isEqualTo(AccessRule.Access.UNDECLARED);
    }

    @Test
    void theMethodsDeclarationWinsOverItsClass() throws Exception {
        assertThat(AccessRule.of(Declared.class.getMethod("inherits")).roles()).containsExactly("SUPERVISOR");
        assertThat(AccessRule.of(Declared.class.getMethod("open")).access()).isEqualTo(AccessRule.Access.PUBLIC);
        assertThat(AccessRule.of(Declared.class.getMethod("closed")).access()).isEqualTo(AccessRule.Access.DENIED);
        AccessRule integration = AccessRule.of(Declared.class.getMethod("integration"));
        assertThat(integration.roles()).containsExactlyInAnyOrder("VENDOR", "PLATFORM_ADMIN");
        assertThat(integration.apiKeys()).isTrue();
        assertThat(integration.personalData()).isTrue();
    }
}
