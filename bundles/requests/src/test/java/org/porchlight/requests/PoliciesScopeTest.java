package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.RequestPolicy;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestPluginScope;

class PoliciesScopeTest {

    private static final long OWN = 11;
    private static final long PLUGIN = 42;

    private final Policies policies = new Policies(TestConfiguration.defaults(RequestsConfiguration.class), OWN);
    private final RequestPolicy own = (draft, context) -> PolicyDecision.allow();
    private final RequestPolicy plugin = (draft, context) -> PolicyDecision.approvalRequired("plugin");

    @Test
    void thisBundlesOwnPoliciesServeEveryAgencyEvenWithoutAScope() {
        policies.addPolicy(own, registeredBy(OWN, Map.of()));
        assertThat(policies.applying("KCPD")).containsExactly(own);
        assertThat(policies.applying("JCSO")).containsExactly(own);
    }

    @Test
    void aPluginsPolicyServesOnlyTheAgenciesTheScopeSaysAndNoneWithoutAScope() {
        policies.addPolicy(plugin, registeredBy(PLUGIN, Map.of()));
        assertThat(policies.applying("KCPD")).as("no scope: deny").isEmpty();

        TestPluginScope scope = new TestPluginScope().enable(PLUGIN, "KCPD");
        policies.setScope(scope);
        assertThat(policies.applying("KCPD")).containsExactly(plugin);
        assertThat(policies.applying("JCSO")).isEmpty();

        scope.disable(PLUGIN, "KCPD");
        assertThat(policies.applying("KCPD")).as("disabled").isEmpty();

        scope.enable(PLUGIN, "KCPD");
        policies.unsetScope(scope);
        assertThat(policies.applying("KCPD")).as("scope gone").isEmpty();
    }

    @Test
    void aPolicyNamingOneAgencyAppliesOnlyToItEvenWhereTheScopeLetsItServeOthers() {
        policies.addPolicy(plugin, registeredBy(PLUGIN, Map.of(RequestPolicy.AGENCY, "kcpd")));
        policies.setScope(new TestPluginScope().enable(PLUGIN, "KCPD").enable(PLUGIN, "JCSO"));
        assertThat(policies.applying("KCPD")).containsExactly(plugin);
        assertThat(policies.applying("JCSO")).isEmpty();
    }

    @Test
    void aGreedyRebindKeepsTheNewScope() {
        TestPluginScope old = new TestPluginScope();
        TestPluginScope better = new TestPluginScope().enable(PLUGIN, "KCPD");
        policies.addPolicy(plugin, registeredBy(PLUGIN, Map.of()));
        policies.setScope(old);
        policies.setScope(better);
        policies.unsetScope(old);
        assertThat(policies.applying("KCPD")).containsExactly(plugin);
    }
}
