package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.testing.TestPluginScope;

class TemplateChecksTest {

    private static final long OWN = 7;
    private static final long PLUGIN = 42;

    private final TemplateChecks checks = new TemplateChecks(OWN);
    private final TemplateCheck house = draft -> TemplateCheck.Result.pass();
    private final TemplateCheck vendor = draft -> TemplateCheck.Result.fail("no");

    @Test
    void thisBundlesOwnChecksServeEveryAgencyWithOrWithoutAScope() {
        checks.addCheck(house, registeredBy(OWN, Map.of(TemplateCheck.NAME, "house-style")));
        assertThat(checks.forAgency("KCPD")).containsOnlyKeys("house-style");
        checks.setScope(new TestPluginScope());
        assertThat(checks.forAgency("JCSO")).containsOnlyKeys("house-style");
    }

    @Test
    void aPluginsCheckRunsOnlyForAgenciesTheScopeSaysAndForNoneWithoutAScope() {
        checks.addCheck(vendor, registeredBy(PLUGIN, Map.of(TemplateCheck.NAME, "plain-language")));
        assertThat(checks.forAgency("KCPD")).as("no scope: deny").isEmpty();

        TestPluginScope scope = new TestPluginScope().enable(PLUGIN, "KCPD");
        checks.setScope(scope);
        assertThat(checks.forAgency("KCPD")).containsEntry("plain-language", vendor);
        assertThat(checks.forAgency("JCSO")).isEmpty();

        scope.disable(PLUGIN, "KCPD");
        assertThat(checks.forAgency("KCPD")).as("disabled").isEmpty();

        scope.enable(PLUGIN, "KCPD");
        checks.unsetScope(scope);
        assertThat(checks.forAgency("KCPD")).as("scope gone").isEmpty();
    }

    @Test
    void ofTwoChecksUnderOneNameEachAgencyGetsTheOneServingItAndTheLaterOneIfBoth() {
        TemplateCheck other = draft -> TemplateCheck.Result.pass();
        checks.addCheck(vendor, registeredBy(PLUGIN, Map.of(TemplateCheck.NAME, "disclosure-mo")));
        checks.addCheck(other, registeredBy(PLUGIN + 1, Map.of(TemplateCheck.NAME, "disclosure-mo")));
        TestPluginScope scope = new TestPluginScope().enable(PLUGIN, "KCPD").enable(PLUGIN + 1, "JCSO");
        checks.setScope(scope);
        assertThat(checks.forAgency("KCPD")).containsEntry("disclosure-mo", vendor);
        assertThat(checks.forAgency("JCSO")).containsEntry("disclosure-mo", other);
        scope.enable(PLUGIN + 1, "KCPD");
        assertThat(checks.forAgency("KCPD")).containsEntry("disclosure-mo", other);
        checks.removeCheck(other);
        assertThat(checks.forAgency("KCPD")).as("the earlier one again").containsEntry("disclosure-mo", vendor);
    }

    @Test
    void aCheckWithABuiltInsNameOrNoValidNameIsNeverRun() {
        checks.addCheck(vendor, registeredBy(OWN, Map.of(TemplateCheck.NAME, BuiltInChecks.LENGTH)));
        checks.addCheck(vendor, registeredBy(OWN, Map.of(TemplateCheck.NAME, "Not Valid")));
        assertThat(checks.forAgency("KCPD")).isEmpty();
    }
}
