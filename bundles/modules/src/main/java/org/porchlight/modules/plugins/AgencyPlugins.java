package org.porchlight.modules.plugins;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.modules.SwapSafeChanges;
import org.porchlight.modules.plugins.store.AgencyPluginRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Agencies' plugins: each agency enables the catalogue's plugins it wants, with its settings checked
 * against the plugin's metatype; every change is audited in its own transaction. Keeps the table in
 * memory (reread after each local change and every few seconds, for changes of other nodes) and this
 * node's configurations in line with it.
 */
@Component(service = {AgencyPlugins.class, PluginChoices.class}, configurationPid = PluginsConfiguration.PID)
@Designate(ocd = PluginsConfiguration.class)
public class AgencyPlugins implements PluginChoices {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyPlugins.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> SETTINGS = new TypeReference<>() {
    };

    private final Database database;
    private final AuditLog audit;
    private final PluginCatalogue catalogue;
    private final Agencies agencies;
    private final AgencyFolders folders;
    private final AgencyConfigurations configurations;
    private final AgencyPluginRows rows = new AgencyPluginRows();
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService reloads;
    /** Not held while configuring: a configuration change can wait for requests (see {@link #save}). */
    private final Object rereading = new Object();
    private final SwapSafeChanges changes;
    private volatile Enablements enablements = Enablements.NONE;

    @Activate
    public AgencyPlugins(BundleContext context, @Reference Database database, @Reference AuditLog audit,
            @Reference PluginCatalogue catalogue, @Reference Agencies agencies, @Reference ConfigurationAdmin admin,
            @Reference SwapSafeChanges changes, PluginsConfiguration configuration) {
        this.database = database;
        this.changes = changes;
        this.audit = audit;
        this.catalogue = catalogue;
        this.agencies = agencies;
        Path home = Path.of(Objects.requireNonNullElse(context.getProperty("porchlight.home"), ".")).toAbsolutePath();
        Path data = Optional.ofNullable(context.getProperty("porchlight.data")).map(Path::of).orElse(home.resolve("data"));
        this.folders = new AgencyFolders(data);
        this.configurations = new AgencyConfigurations(admin, folders);
        // No platform scheduler exists yet (house style 7): one named daemon thread, stopped with the component.
        this.reloads = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "porchlight-plugins-reload");
            thread.setDaemon(true);
            return thread;
        });
        int seconds = Math.max(1, configuration.reloadSeconds());
        reloadQuietly(); // the scope is registered with what the agencies chose, never with an empty choice first
        reloads.scheduleWithFixedDelay(this::reloadQuietly, seconds, seconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        reloads.shutdownNow();
    }

    /** Which agencies enabled which plugin, as last read. */
    public Enablements enablements() {
        return enablements;
    }

    /** The plugins the agency may enable (the catalogue and its own bundles), with its choices. */
    @Override
    public List<AgencyPluginState> forAgency(String agency) {
        known(agency);
        Map<String, AgencyPlugin> choices = new HashMap<>();
        for (AgencyPlugin row : enablements.rows()) {
            if (row.agency().equals(agency)) {
                choices.put(row.plugin(), row);
            }
        }
        List<AgencyPluginState> states = new ArrayList<>();
        for (CataloguePlugin plugin : catalogue.plugins()) {
            if (plugin.availableTo(agency)) {
                states.add(new AgencyPluginState(plugin, choices.get(plugin.symbolicName())));
            }
        }
        return states;
    }

    /** One plugin as the agency sees it; 404 if the agency may not see it. */
    @Override
    public AgencyPluginState forAgency(String agency, String plugin) {
        return forAgency(agency).stream().filter(s -> s.plugin().symbolicName().equals(plugin)).findFirst()
                .orElseThrow(() -> new ProblemException(PluginProblems.UNKNOWN_PLUGIN,
                        "No plugin " + plugin + " for this agency."));
    }

    /**
     * Enables or disables the plugin for the agency with these settings (null: keep the earlier
     * ones), checked against its metatype; audited with the change; configured on this node before
     * it returns, unless that would wait for the asking request itself (then right after).
     */
    @Override
    public AgencyPluginState change(String agency, String plugin, boolean enabled, Map<String, ?> settings, Actor actor) {
        AgencyPluginState state = forAgency(agency, plugin);
        CataloguePlugin entry = state.plugin();
        Map<String, ?> given = settings != null ? settings : state.choice() == null ? Map.of() : state.choice().settings();
        Map<String, Object> kept = check(agency, entry, given, enabled || settings != null);
        save(agency, plugin, enabled, kept, actor, enabled ? (state.enabled() ? "plugin.configured" : "plugin.enabled")
                : "plugin.disabled");
        return forAgency(agency, plugin);
    }

    /** Disables the plugin for the agency and forgets its settings; its configuration goes. */
    public AgencyPluginState remove(String agency, String plugin, Actor actor) {
        forAgency(agency, plugin);
        save(agency, plugin, false, Map.of(), actor, "plugin.removed");
        return forAgency(agency, plugin);
    }

    /** Rereads the table, then brings this node's configurations in line if it or the configurable plugins changed. */
    public void reload() {
        reread();
        configure();
    }

    private void reread() {
        synchronized (rereading) {
            List<AgencyPlugin> read = new ArrayList<>();
            for (AgencyPluginRows.Row row : database.withConnection(rows::all)) {
                read.add(new AgencyPlugin(row.agency(), row.plugin(), row.enabled(), parse(row.settings()), row.changedAt(),
                        row.changedBy(), row.version()));
            }
            enablements = Enablements.of(read);
        }
    }

    private Void configure() {
        configurations.follow(enablements, catalogue.configurable());
        return null;
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Agencies' plugins could not be reread ({}); the next reload tries again", e.getClass().getSimpleName());
        }
    }

    private Map<String, Object> check(String agency, CataloguePlugin plugin, Map<String, ?> given, boolean strict) {
        if (plugin.header() == null) {
            if (!given.isEmpty()) {
                throw PluginProblems.invalid(List.of(new Problem.FieldError("settings", "this plugin has no settings")));
            }
            return Map.of();
        }
        if (!catalogue.settingsKnown(plugin)) {
            if (!strict) {
                return new LinkedHashMap<>(given); // disabling without settings: nothing to check
            }
            throw new ProblemException(PluginProblems.SETTINGS_UNAVAILABLE, "The settings of " + plugin.symbolicName()
                    + " cannot be read now (is the module started?); try again in a moment.");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Object> kept = PluginSettings.check(given, plugin.attributes(), plugin.header().platformProperties(), errors);
        for (String folder : plugin.header().folderProperties()) {
            if (kept.get(folder) instanceof String value && !value.isBlank()) {
                try {
                    folders.resolve(agency, value);
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("settings." + folder, e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw PluginProblems.invalid(errors);
        }
        return kept;
    }

    private void save(String agency, String plugin, boolean enabled, Map<String, Object> settings, Actor actor, String action) {
        String text = write(settings);
        database.inTransaction(c -> {
            long version = rows.save(c, agency, plugin, enabled, text, clock.instant(), by(actor));
            audit.appendWithin(c, new AuditEvent(actor, agency, action, "plugin=" + plugin + " version=" + version,
                    enabled ? "enabled" : "disabled", null));
            return version;
        });
        reread();
        // A configuration change holds the plugin's requests and waits for those in flight; when a REST
        // request asks for it, it runs off that request's thread (SwapSafeChanges), which answers early
        // rather than deadlock with a reload of the REST runtime. The saved choice is what it answers with.
        changes.run(this::configure, true);
    }

    private static String by(Actor actor) {
        return actor.kind().name().toLowerCase(Locale.ROOT) + ":" + actor.id();
    }

    private void known(String agency) {
        if (agencies.find(agency).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No agency " + agency + ".");
        }
    }

    private static Map<String, Object> parse(String settings) {
        try {
            return settings == null || settings.isBlank() ? Map.of() : JSON.readValue(settings, SETTINGS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String write(Map<String, Object> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings that came as JSON are JSON", e);
        }
    }
}
