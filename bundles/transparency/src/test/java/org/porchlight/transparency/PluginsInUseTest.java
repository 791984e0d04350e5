package org.porchlight.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.requests.RequestPolicy;
import org.porchlight.testing.TestPluginScope;
import org.porchlight.transparency.TransparencyPage.PluginUse;

class PluginsInUseTest {

    private static final long OWN = 4;
    private static final long POLICY_BUNDLE = 40;
    private static final long WATCHKC = 41;

    private final PluginsInUse plugins = new PluginsInUse(OWN);
    private final TestPluginScope scope = new TestPluginScope();
    private long serviceIds = 100;

    private Map<String, Object> service(long bundle, Object... pairs) {
        Map<String, Object> properties = new HashMap<>(TestPluginScope.registeredBy(bundle, Map.of()));
        properties.put(Constants.SERVICE_ID, serviceIds++);
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    private void watchKc(Map<String, Object> properties) {
        plugins.add(PluginsInUse.CAMERA_REGISTRY, properties, "org.porchlight.integration.watchkc", "Porchlight WatchKC import",
                "Imports WatchKC-style camera registration feeds", "0.2.0");
    }

    @Test
    void anAgencySeesThePoliciesAndRegistriesThatServeItAndNothingWithoutAScope() {
        plugins.add(PluginsInUse.REQUEST_POLICY, service(POLICY_BUNDLE), "gov.kcmo.limits", "KC limits", "", "1.2.0");
        watchKc(service(WATCHKC, CameraRegistryProvider.SOURCE, "kcpd-watchkc", CameraRegistryProvider.AGENCY, "KCPD",
                "url", "https://feeds.example/kc?token=secret"));
        watchKc(service(WATCHKC, CameraRegistryProvider.SOURCE, "jcso-watchkc", CameraRegistryProvider.AGENCY, "JCSO"));
        assertThat(plugins.forAgency("KCPD")).as("no scope: none serves").isEmpty();

        plugins.setScope(scope.enable(POLICY_BUNDLE, "KCPD").enable(WATCHKC, "KCPD").enable(WATCHKC, "JCSO"));

        assertThat(plugins.forAgency("KCPD")).containsExactly(
                new PluginUse("request-policy", "gov.kcmo.limits", "KC limits", null, "1.2.0", null),
                new PluginUse("camera-registry", "org.porchlight.integration.watchkc", "Porchlight WatchKC import",
                        "Imports WatchKC-style camera registration feeds", "0.2.0", "kcpd-watchkc"));
        assertThat(plugins.forAgency("JCSO")).as("only its own source, and not KCPD's policy").extracting(PluginUse::source)
                .containsExactly("jcso-watchkc");
        assertThat(plugins.forAgency("KCPD").toString()).as("no setting's value").doesNotContain("secret", "feeds.example");

        scope.disable(WATCHKC, "KCPD");
        assertThat(plugins.forAgency("KCPD")).extracting(PluginUse::kind).containsExactly("request-policy");
        plugins.unsetScope(scope);
        assertThat(plugins.forAgency("KCPD")).isEmpty();
    }

    @Test
    void aPolicyNamedForAnotherAgencyIsNotListedAndOnePluginIsListedOnce() {
        plugins.setScope(scope.enable(POLICY_BUNDLE, "KCPD"));
        plugins.add(PluginsInUse.REQUEST_POLICY, service(POLICY_BUNDLE, RequestPolicy.AGENCY, "JCSO"), "p", "P", null, "1");
        assertThat(plugins.forAgency("KCPD")).isEmpty();
        plugins.add(PluginsInUse.REQUEST_POLICY, service(POLICY_BUNDLE), "p", "P", null, "1");
        plugins.add(PluginsInUse.REQUEST_POLICY, service(POLICY_BUNDLE, RequestPolicy.AGENCY, "kcpd"), "p", "P", null, "1");
        assertThat(plugins.forAgency("KCPD")).hasSize(1);
    }

    @Test
    void aServiceThatWentAwayIsNoLongerListed() {
        plugins.setScope(scope.enable(POLICY_BUNDLE, "KCPD"));
        Map<String, Object> properties = service(POLICY_BUNDLE);
        plugins.add(PluginsInUse.REQUEST_POLICY, properties, "p", "P", null, "1");
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> "getProperty".equals(method.getName())
                        ? properties.get((String) args[0]) : null);
        plugins.removeService(reference);
        assertThat(plugins.forAgency("KCPD")).isEmpty();
    }
}
