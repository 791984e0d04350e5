package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.porchlight.modules.ModuleView;

/** The table turned into configurations: one per enabled agency, with what the platform sets, written only when it differs. */
class AgencyConfigurationsTest {

    private static final String PID = "org.example.feed";

    @TempDir
    Path data;

    private final FakeAdmin admin = new FakeAdmin();

    @Test
    void anEnabledAgencyGetsItsConfigurationWithWhatThePlatformSets() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));

        configurations.reconcile(Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L, "folder", "in")),
                row("JCSO", false, Map.of("interval", 30L)))), List.of(plugin()));

        assertThat(admin.configurations).containsOnlyKeys(PID + "~agency-kcpd");
        Dictionary<String, Object> properties = admin.configurations.get(PID + "~agency-kcpd");
        assertThat(properties.get("interval")).isEqualTo(60);
        assertThat(properties.get("folder")).isEqualTo(data.resolve("agencies/KCPD/in").toAbsolutePath().toString());
        assertThat(properties.get("source.agency")).isEqualTo("KCPD");
        assertThat(properties.get("source.id")).isEqualTo("kcpd-feed");
        assertThat(properties.get("porchlight.agency")).isEqualTo("KCPD");
        assertThat(properties.get("porchlight.plugins.managed")).isEqualTo(true);
        assertThat(admin.updates).isEqualTo(1);
    }

    @Test
    void onlyTheConfigurationsThePlatformMarkedGoWhenNoRowWantsThemAndAnUnmarkedOneOfARowGetsTheMark() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));
        admin.seed(PID + "~agency-jcso", Map.of("porchlight.agency", "JCSO", "interval", 5)); // an operator's own
        admin.seed(PID + "~agency-mcso", Map.of("porchlight.agency", "MCSO", "interval", 5, "porchlight.plugins.managed", true));
        Hashtable<String, Object> written = configurations.properties(plugin(), row("KCPD", true, Map.of("interval", 60L)));
        written.remove("porchlight.plugins.managed");
        admin.seed(PID + "~agency-kcpd", written); // as a platform without the mark wrote it

        configurations.reconcile(Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L)))), List.of(plugin()));

        assertThat(admin.configurations).containsOnlyKeys(PID + "~agency-jcso", PID + "~agency-kcpd");
        assertThat(admin.configurations.get(PID + "~agency-jcso").get("porchlight.plugins.managed")).isNull();
        assertThat(admin.configurations.get(PID + "~agency-kcpd").get("porchlight.plugins.managed")).isEqualTo(true);
        assertThat(admin.updates).isEqualTo(1);
    }

    @Test
    void aReloadThatFindsNothingNewWritesNothingAndADisabledAgencysConfigurationGoes() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));
        Enablements enabled = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L))));
        configurations.reconcile(enabled, List.of(plugin()));
        configurations.reconcile(enabled, List.of(plugin()));
        assertThat(admin.updates).isEqualTo(1);

        configurations.reconcile(Enablements.of(List.of(row("KCPD", false, Map.of("interval", 60L)))), List.of(plugin()));
        assertThat(admin.configurations).isEmpty();
    }

    @Test
    void whileThePluginsMetatypeCannotBeReadItsConfigurationStaysAsItIs() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));
        Enablements enabled = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L))));
        configurations.reconcile(enabled, List.of(plugin()));

        CataloguePlugin unreadable = new CataloguePlugin(plugin().module(), PluginBundle.Kind.CATALOGUE, null, plugin().header(),
                List.of(), List.of(), List.of());
        configurations.reconcile(enabled, List.of(unreadable));
        assertThat(admin.configurations).containsOnlyKeys(PID + "~agency-kcpd");
    }

    @Test
    void aReloadThatFindsTheSameRowsAndPluginsDoesNotReconcileButANewRowVersionOrUnreadableMetatypeDoes() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));
        Enablements enabled = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L))));
        configurations.follow(enabled, List.of(plugin()));
        configurations.follow(Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L)))), List.of(plugin()));
        assertThat(admin.lists).isEqualTo(1);

        Enablements changed = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 90L), 2)));
        configurations.follow(changed, List.of(plugin()));
        assertThat(admin.lists).isEqualTo(2);
        assertThat(admin.configurations.get(PID + "~agency-kcpd").get("interval")).isEqualTo(90);

        CataloguePlugin stopped = new CataloguePlugin(plugin().module(), PluginBundle.Kind.CATALOGUE, null, plugin().header(),
                List.of(), List.of(), List.of());
        configurations.follow(changed, List.of(stopped));
        configurations.follow(changed, List.of(plugin()));
        configurations.follow(changed, List.of(plugin()));
        assertThat(admin.lists).isEqualTo(4);
    }

    @Test
    void aConfigurationDeletedByHandIsPutBackWithinTheRecheckThoughNothingChanged() {
        long[] now = {0};
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data), () -> now[0]);
        Enablements enabled = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L))));
        configurations.follow(enabled, List.of(plugin()));
        admin.configurations.clear(); // an operator deletes it

        now[0] += AgencyConfigurations.RECHECK.toNanos() - 1;
        configurations.follow(enabled, List.of(plugin()));
        assertThat(admin.configurations).isEmpty();

        now[0] += 1;
        configurations.follow(enabled, List.of(plugin()));
        assertThat(admin.configurations).containsOnlyKeys(PID + "~agency-kcpd");
    }

    @Test
    void aReconciliationThatFailedIsTriedAgainAtTheNextReloadThoughNothingChanged() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));
        Enablements enabled = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L))));
        admin.failing = true;
        assertThat(configurations.reconcile(enabled, List.of(plugin()))).isFalse();
        configurations.follow(enabled, List.of(plugin()));
        configurations.follow(enabled, List.of(plugin()));
        assertThat(admin.lists).isEqualTo(3);
        assertThat(admin.configurations).isEmpty();

        admin.failing = false;
        configurations.follow(enabled, List.of(plugin()));
        configurations.follow(enabled, List.of(plugin()));
        assertThat(admin.lists).isEqualTo(4);
        assertThat(admin.configurations).containsOnlyKeys(PID + "~agency-kcpd");
    }

    @Test
    void aFolderSettingThatCannotBeUsedIsTriedAgainAtTheNextReload() {
        AgencyConfigurations configurations = new AgencyConfigurations(admin.proxy(), new AgencyFolders(data));
        Enablements enabled = Enablements.of(List.of(row("KCPD", true, Map.of("interval", 60L, "folder", "../elsewhere"))));

        assertThat(configurations.reconcile(enabled, List.of(plugin()))).isFalse();
        configurations.follow(enabled, List.of(plugin()));
        configurations.follow(enabled, List.of(plugin()));
        assertThat(admin.lists).isEqualTo(3);
    }

    private static AgencyPlugin row(String agency, boolean enabled, Map<String, Object> settings) {
        return row(agency, enabled, settings, 1);
    }

    private static AgencyPlugin row(String agency, boolean enabled, Map<String, Object> settings, long version) {
        return new AgencyPlugin(agency, PID, enabled, settings, Instant.EPOCH, "account:x", version);
    }

    private static CataloguePlugin plugin() {
        ModuleView module = new ModuleView(42, PID, "Feed", "1.0.0", "ACTIVE", "vendor", "Example", null, false, List.of(),
                List.of(), null, null, null);
        AgencyConfigurationHeader header = AgencyConfigurationHeader
                .parse(PID + ";agency=\"source.agency\";id=\"source.id\";folders=\"folder\"").orElseThrow();
        return new CataloguePlugin(module, PluginBundle.Kind.CATALOGUE, null, header,
                List.of(new PluginAttribute(FakeAttribute.number("interval", 1, 3600, "300"), true),
                        new PluginAttribute(new FakeAttribute("folder", AttributeDefinition.STRING, 0, null, null, 0, 0), false)),
                List.of(), List.of());
    }

    /** Configuration Admin as far as the reconciliation uses it: factory configurations by PID, kept in a map. */
    private static final class FakeAdmin {

        final Map<String, Dictionary<String, Object>> configurations = new LinkedHashMap<>();
        int updates;
        /** How often the configurations were listed: once per reconciliation that got so far. */
        int lists;
        /** Whether listing fails (Configuration Admin's store cannot be read). */
        boolean failing;

        /** A configuration someone else wrote. */
        void seed(String pid, Map<String, Object> properties) {
            Hashtable<String, Object> stored = new Hashtable<>(properties);
            stored.put("service.pid", pid);
            stored.put("service.factoryPid", pid.substring(0, pid.indexOf('~')));
            configurations.put(pid, stored);
        }

        ConfigurationAdmin proxy() {
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "listConfigurations" -> {
                            lists++;
                            if (failing) {
                                throw new IOException("store not readable");
                            }
                            List<Configuration> found = new ArrayList<>();
                            for (String pid : configurations.keySet()) {
                                found.add(configuration(pid));
                            }
                            yield found.isEmpty() ? null : found.toArray(new Configuration[0]);
                        }
                        case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Configuration configuration(String pid) {
            return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "getPid" -> pid;
                        case "getFactoryPid" -> pid.substring(0, pid.indexOf('~'));
                        case "getProperties" -> configurations.get(pid);
                        case "update" -> {
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> given = (Dictionary<String, Object>) args[0];
                            Hashtable<String, Object> stored = new Hashtable<>();
                            for (var keys = given.keys(); keys.hasMoreElements();) {
                                String key = keys.nextElement();
                                stored.put(key, given.get(key));
                            }
                            stored.put("service.pid", pid);
                            stored.put("service.factoryPid", pid.substring(0, pid.indexOf('~')));
                            configurations.put(pid, stored);
                            updates++;
                            yield null;
                        }
                        case "delete" -> {
                            configurations.remove(pid);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
