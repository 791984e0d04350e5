package org.porchlight.modules.plugins.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.modules.ModuleView;
import org.porchlight.modules.plugins.AgencyConfigurationHeader;
import org.porchlight.modules.plugins.AgencyPlugin;
import org.porchlight.modules.plugins.AgencyPluginState;
import org.porchlight.modules.plugins.CataloguePlugin;
import org.porchlight.modules.plugins.PluginAttribute;
import org.porchlight.modules.plugins.PluginBundle;
import org.porchlight.modules.plugins.PluginChoices;

/** The agency admin's plugins page: the list, the settings form from the metatype, refusals next to their fields, PRG. */
class PluginsPageTest {

    private static final String FEED = "org.example.feed";

    private final FakeChoices choices = new FakeChoices();
    private final PluginsPage page = new PluginsPage(choices);

    @Test
    void onlyAgencyAdminsSeeThePage() {
        assertThat(PluginsPage.INFO.roles()).containsExactly(Roles.AGENCY_ADMIN);
        assertThat(PluginsPage.INFO.group()).isEqualTo(PageInfo.GROUP_ADMIN);
    }

    @Test
    void theListShowsTheAgencysPluginsAndWhetherTheyAreEnabled() {
        PageView view = page.render(new Request("GET", "", Map.of("saved", FEED)));

        assertThat(view.template()).isEqualTo("plugins");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) view.model().get("plugins");
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("symbolicName", FEED)
                .containsEntry("enabled", false).containsEntry("hasSettings", true).containsEntry("label", "Example feed"));
        assertThat(view.model().get("notice")).isEqualTo("Saved: " + FEED + " is enabled with these settings.");
    }

    @Test
    void theSettingsFormHasAnInputOfEachSettingsKind() {
        PageView view = page.render(new Request("GET", FEED, Map.of()));

        assertThat(view.template()).isEqualTo("plugin-settings");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) view.model().get("fields");
        assertThat(fields).extracting(f -> f.get("name") + ":" + f.get("input")).containsExactly("folder:text",
                "interval:number", "mode:select", "notify:checkbox");
        assertThat(fields.get(1)).containsEntry("value", "300");
    }

    @Test
    void savedSettingsAreTypedAndEnableThePluginThenRedirect() {
        Optional<PageView> done = page.submit(new Request("POST", FEED, Map.of("folder", "feed", "interval", "60",
                "mode", "lenient", "notify", "true")));

        assertThat(done.orElseThrow().redirect()).isEqualTo("/plugins?saved=" + FEED);
        assertThat(choices.changes)
                .containsExactly("KCPD " + FEED + " true {folder=feed, interval=60, mode=lenient, notify=true}");
    }

    @Test
    void aRefusalShowsTheFormAgainWithEachErrorNextToItsField() {
        choices.refusal = new ProblemException(Problem.of(ProblemType.VALIDATION, "bad")
                .withErrors(List.of(new Problem.FieldError("settings.folder", "may not contain .."),
                        new Problem.FieldError("settings.interval", "must be a whole number"))));

        PageView view = page.submit(new Request("POST", FEED, Map.of("folder", "../x", "interval", "often"))).orElseThrow();

        assertThat(view.status()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) view.model().get("fields");
        assertThat(fields.get(0)).containsEntry("value", "../x").containsEntry("error",
                "Name a folder inside your agency's folder (no .., no absolute path, no link leaving it).");
        assertThat(fields.get(1)).containsEntry("value", "often").containsEntry("error", "Enter a number in range.");
    }

    @Test
    void disablingKeepsTheSettingsAndRedirects() {
        PageView view = page.submit(new Request("POST", FEED + "/disable", Map.of())).orElseThrow();
        assertThat(view.redirect()).isEqualTo("/plugins?disabled=" + FEED);
        assertThat(choices.changes).containsExactly("KCPD " + FEED + " false null");
    }

    @Test
    void anUnknownPluginIsNotFound() {
        assertThatThrownBy(() -> page.render(new Request("GET", "org.example.other", Map.of())))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> page.render(new Request("GET", FEED + "/enable", Map.of())))
                .isInstanceOf(ProblemException.class);
    }

    private static CataloguePlugin feed() {
        ModuleView module = new ModuleView(42, FEED, "Example feed", "1.0.0", "ACTIVE", "vendor", "Example Inc.", null, false,
                List.of("org.porchlight.api.registry.CameraRegistryProvider"), List.of(), null, null, null);
        AgencyConfigurationHeader header = AgencyConfigurationHeader.parse(FEED + ";agency=\"source.agency\";folders=\"folder\"")
                .orElseThrow();
        List<PluginAttribute> attributes = List.of(
                new PluginAttribute(new Attribute("folder", AttributeDefinition.STRING, null, null), false),
                new PluginAttribute(new Attribute("interval", AttributeDefinition.INTEGER, new String[] {"300"}, null), true),
                new PluginAttribute(new Attribute("mode", AttributeDefinition.STRING, null, new String[] {"strict", "lenient"}),
                        true),
                new PluginAttribute(new Attribute("notify", AttributeDefinition.BOOLEAN, new String[] {"false"}, null), false),
                new PluginAttribute(new Attribute("source.agency", AttributeDefinition.STRING, null, null), true));
        return new CataloguePlugin(module, PluginBundle.Kind.CATALOGUE, null, header, attributes,
                List.of("CameraRegistryProvider"), List.of());
    }

    /** The agency's plugins: one feed, never enabled; records each change asked for. */
    private static final class FakeChoices implements PluginChoices {

        final List<String> changes = new ArrayList<>();
        ProblemException refusal;

        @Override
        public List<AgencyPluginState> forAgency(String agency) {
            return List.of(new AgencyPluginState(feed(), null));
        }

        @Override
        public AgencyPluginState forAgency(String agency, String plugin) {
            if (!plugin.equals(FEED)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no");
            }
            return forAgency(agency).get(0);
        }

        @Override
        public AgencyPluginState change(String agency, String plugin, boolean enabled, Map<String, ?> settings, Actor actor) {
            if (refusal != null) {
                throw refusal;
            }
            changes.add(agency + " " + plugin + " " + enabled + " " + (settings == null ? null : new TreeMap<>(settings)));
            return new AgencyPluginState(feed(), new AgencyPlugin(agency, plugin, enabled, Map.of(), Instant.now(), "x", 1));
        }
    }

    /** A metatype attribute without checks of its own. */
    private record Attribute(String id, int type, String[] defaults, String[] options) implements AttributeDefinition {
        public String getName() {
            return id;
        }

        public String getID() {
            return id;
        }

        public String getDescription() {
            return "";
        }

        public int getCardinality() {
            return 0;
        }

        public int getType() {
            return type;
        }

        public String[] getOptionValues() {
            return options;
        }

        public String[] getOptionLabels() {
            return options;
        }

        public String validate(String value) {
            return null;
        }

        public String[] getDefaultValue() {
            return defaults;
        }
    }

    /** A KCPD agency admin's request to the page, with the bundle's English texts. */
    private static final class Request implements PageRequest {

        private static final ResourceBundle TEXTS = ResourceBundle.getBundle("ui.messages", Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

        private final String method;
        private final String subPath;
        private final Map<String, String> fields;

        Request(String method, String subPath, Map<String, String> fields) {
            this.method = method;
            this.subPath = subPath;
            this.fields = new HashMap<>(fields);
        }

        @Override
        public Optional<Caller> caller() {
            return Optional.of(new Caller(UUID.randomUUID(), Roles.AGENCY_ADMIN, "KCPD", Caller.Credential.TOKEN, "t"));
        }

        @Override
        public Locale locale() {
            return Locale.ENGLISH;
        }

        @Override
        public String path() {
            return PluginsPage.PATH + (subPath.isEmpty() ? "" : "/" + subPath);
        }

        @Override
        public String subPath() {
            return subPath;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public Optional<String> parameter(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        @Override
        public List<String> parameters(String name) {
            return parameter(name).map(List::of).orElse(List.of());
        }

        @Override
        public String text(String key, Object... arguments) {
            String pattern = TEXTS.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
        }

        @Override
        public String clientAddress() {
            return "127.0.0.1";
        }
    }
}
