package org.porchlight.modules.plugins;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.modules.ModuleView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's Configuration Admin in step with the agencies' plugins: one factory
 * configuration {@code <factoryPid>~agency-<code>} per enabled agency of a plugin with the
 * agency-configuration header, with its settings and the properties the platform sets; none for
 * the others. Writes only what differs, so that a reload that finds nothing new disturbs nothing, and
 * lists nothing when neither the rows nor the plugins changed since the last reconciliation that worked.
 */
final class AgencyConfigurations {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyConfigurations.class);

    /**
     * The property, {@code true}, that marks a configuration as written by the platform for an agency's plugin: only
     * configurations carrying it are deleted when no enabled row wants them, so that an operator's own configuration
     * of the same {@code <factoryPid>~agency-<code>} shape stays. Agencies may not set it.
     */
    static final String MANAGED = "porchlight.plugins.managed";

    /** What the configurations follow from: each row's version and what the reconciliation reads of each plugin. */
    private record Inputs(Set<Row> rows, Set<Plugin> plugins) {

        private record Row(String agency, String plugin, long version) {
        }

        /** A plugin as the reconciliation reads it; its settings empty while its metatype cannot be read. */
        private record Plugin(long bundleId, String symbolicName, String version, String state, PluginBundle.Kind kind,
                String owner, AgencyConfigurationHeader header, List<Setting> settings) {
        }

        private record Setting(String id, int type) {
        }

        static Inputs of(Enablements enablements, List<CataloguePlugin> plugins) {
            Set<Row> rows = new HashSet<>();
            enablements.rows().forEach(r -> rows.add(new Row(r.agency(), r.plugin(), r.version())));
            Set<Plugin> described = new HashSet<>();
            for (CataloguePlugin p : plugins) {
                ModuleView module = p.module();
                described.add(new Plugin(module.id(), module.symbolicName(), module.version(), module.state(), p.kind(),
                        p.owner(), p.header(), p.attributes().stream().map(a -> new Setting(a.id(), a.definition().getType()))
                                .toList()));
            }
            return new Inputs(rows, described);
        }
    }

    /** How long an unchanged reload may skip the reconciliation. */
    static final Duration RECHECK = Duration.ofMinutes(1);

    private final ConfigurationAdmin admin;
    private final AgencyFolders folders;
    /** What the last reconciliation that worked followed from; null before one did. */
    private Inputs reconciled;
    private long reconciledAt;
    /** Nanoseconds, as {@link System#nanoTime()}; a test's own clock. */
    private final LongSupplier ticker;

    AgencyConfigurations(ConfigurationAdmin admin, AgencyFolders folders) {
        this(admin, folders, System::nanoTime);
    }

    AgencyConfigurations(ConfigurationAdmin admin, AgencyFolders folders, LongSupplier ticker) {
        this.admin = admin;
        this.folders = folders;
        this.ticker = ticker;
    }

    /**
     * The configuration's properties for an enabled agency: its settings as the metatype types them,
     * the agency's code, the id, the folders resolved inside the agency's folder and the {@link #MANAGED} mark.
     *
     * @throws IllegalArgumentException naming the setting whose folder may not be used
     */
    Hashtable<String, Object> properties(CataloguePlugin plugin, AgencyPlugin choice) {
        AgencyConfigurationHeader header = plugin.header();
        Map<String, Integer> types = new HashMap<>();
        plugin.attributes().forEach(a -> types.put(a.id(), a.definition().getType()));
        Hashtable<String, Object> properties = new Hashtable<>();
        choice.settings().forEach((key, value) -> properties.put(key, types.containsKey(key)
                ? PluginSettings.configurationValue(types.get(key), value) : value));
        for (String folder : header.folderProperties()) {
            Object value = choice.settings().get(folder);
            if (value instanceof String relative && !relative.isBlank()) {
                try {
                    properties.put(folder, folders.resolve(choice.agency(), relative).toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("settings." + folder + " " + e.getMessage());
                }
            }
        }
        for (String agency : header.agencyProperties()) {
            properties.put(agency, choice.agency());
        }
        if (header.idProperty() != null) {
            properties.put(header.idProperty(), header.idFor(choice.agency()));
        }
        properties.put(PluginScope.AGENCY, choice.agency());
        properties.put(MANAGED, Boolean.TRUE);
        return properties;
    }

    /**
     * Brings Configuration Admin in line with the rows for the plugins installed now, unless neither the rows nor
     * the plugins changed since it last did so without a failure: a reload that finds nothing new lists nothing.
     * At least once every {@link #RECHECK}, though, so that a configuration someone changed or deleted by hand
     * is put back within that time.
     */
    synchronized void follow(Enablements enablements, List<CataloguePlugin> plugins) {
        Inputs inputs = Inputs.of(enablements, plugins);
        long now = ticker.getAsLong();
        if (!inputs.equals(reconciled) || now - reconciledAt >= RECHECK.toNanos()) {
            reconciled = reconcile(enablements, plugins) ? inputs : null;
            reconciledAt = now;
        }
    }

    /**
     * Brings Configuration Admin in line with the rows for the plugins installed now.
     *
     * @return false if a configuration could not be listed, written or deleted, or an agency's folder setting could
     *         not be used (logged): the next reload tries again
     */
    boolean reconcile(Enablements enablements, List<CataloguePlugin> plugins) {
        Map<String, CataloguePlugin> byName = new HashMap<>();
        plugins.forEach(p -> byName.put(p.symbolicName(), p));
        Map<String, Hashtable<String, Object>> desired = new HashMap<>();
        Set<String> untouchable = new HashSet<>();
        boolean worked = true;
        for (AgencyPlugin choice : enablements.rows()) {
            CataloguePlugin plugin = byName.get(choice.plugin());
            if (plugin == null || plugin.header() == null) {
                continue;
            }
            if (!choice.enabled() || !plugin.availableTo(choice.agency())) {
                continue; // not wanted: its configuration goes
            }
            String pid = pid(plugin.header().factoryPid(), choice.agency());
            if (plugin.attributes().isEmpty()) {
                untouchable.add(pid); // its metatype is not readable now (updating, stopped): leave it as it is
                continue;
            }
            try {
                desired.put(pid, properties(plugin, choice));
            } catch (IllegalArgumentException e) {
                worked = false; // the folder may become usable (a link removed, space freed): try again
                LOG.warn("Plugin {} of agency {} is not configured: {}", choice.plugin(), choice.agency(), e.getMessage());
            }
        }
        try {
            Configuration[] existing = admin.listConfigurations("(&(" + PluginScope.AGENCY + "=*)(" + MANAGED + "=true))");
            for (Configuration configuration : existing == null ? new Configuration[0] : existing) {
                String pid = configuration.getPid();
                Dictionary<String, Object> current = configuration.getProperties();
                Object agency = current == null ? null : current.get(PluginScope.AGENCY);
                boolean ours = Boolean.TRUE.equals(current == null ? null : current.get(MANAGED))
                        && configuration.getFactoryPid() != null && agency instanceof String code
                        && pid.equals(pid(configuration.getFactoryPid(), code));
                if (ours && !desired.containsKey(pid) && !untouchable.contains(pid)) {
                    configuration.delete();
                    LOG.info("Removed the configuration {} (the agency disabled the plugin)", pid);
                }
            }
            for (Map.Entry<String, Hashtable<String, Object>> entry : desired.entrySet()) {
                String pid = entry.getKey();
                String factoryPid = pid.substring(0, pid.indexOf('~'));
                Configuration configuration = admin.getFactoryConfiguration(factoryPid, pid.substring(pid.indexOf('~') + 1), "?");
                if (!same(configuration.getProperties(), entry.getValue())) {
                    configuration.update(entry.getValue());
                    LOG.info("Configured {} for agency {}", pid, entry.getValue().get(PluginScope.AGENCY));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Agencies' plugin configurations could not be brought in line ({}); the next reload tries again",
                    e.getClass().getSimpleName());
            return false;
        }
        return worked;
    }

    /** The PID of the agency's configuration of the factory PID. */
    static String pid(String factoryPid, String agency) {
        return factoryPid + "~" + AgencyConfigurationHeader.configurationName(agency);
    }

    static boolean same(Dictionary<String, Object> current, Map<String, Object> wanted) {
        if (current == null) {
            return false;
        }
        Map<String, Object> values = new HashMap<>();
        for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!key.equals(Constants.SERVICE_PID) && !key.equals(ConfigurationAdmin.SERVICE_FACTORYPID)
                    && !key.equals(ConfigurationAdmin.SERVICE_BUNDLELOCATION)) {
                values.put(key, current.get(key));
            }
        }
        if (!values.keySet().equals(wanted.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            if (!Objects.deepEquals(entry.getValue(), values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
