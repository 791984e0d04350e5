package org.porchlight.modules.plugins.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.modules.plugins.AgencyPluginState;
import org.porchlight.modules.plugins.CataloguePlugin;
import org.porchlight.modules.plugins.PluginChoices;
import org.porchlight.modules.plugins.rest.SettingView;

/**
 * {@code /plugins}: an agency admin's plugins. The list shows the plugins the agency may enable,
 * with enable and disable buttons ({@code /plugins/<name>/enable}, {@code /disable}); each plugin
 * with settings has a form generated from its metatype at {@code /plugins/<name>}, whose refusals
 * show next to their fields. Post/redirect/get.
 */
@Component(service = Page.class)
public class PluginsPage implements Page {

    static final String PATH = "/plugins";
    static final PageInfo INFO = new PageInfo(PATH, "plugins.title", Set.of(Roles.AGENCY_ADMIN), PageInfo.GROUP_ADMIN, 20);
    private static final Pattern SUB = Pattern.compile("([A-Za-z0-9_.-]{1,255})(?:/(enable|disable))?");

    private final PluginChoices plugins;

    @Activate
    public PluginsPage(@Reference PluginChoices plugins) {
        this.plugins = plugins;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String agency = agency(request);
        if (request.subPath().isEmpty()) {
            return list(request, agency, "");
        }
        Matcher m = SUB.matcher(request.subPath());
        if (!m.matches() || m.group(2) != null) {
            throw notFound();
        }
        AgencyPluginState state = plugins.forAgency(agency, m.group(1));
        return settings(request, state, state.choice() == null ? Map.of() : state.choice().settings(), Map.of(), "");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        String agency = agency(request);
        Matcher m = SUB.matcher(request.subPath());
        if (!m.matches()) {
            throw notFound();
        }
        String name = m.group(1);
        Actor actor = Actor.account(request.caller().map(Caller::account).orElseThrow(), false);
        AgencyPluginState state = plugins.forAgency(agency, name);
        Map<String, Object> posted = null;
        try {
            if ("disable".equals(m.group(2))) {
                plugins.change(agency, name, false, null, actor);
                return Optional.of(PageView.redirect(PATH + "?disabled=" + name));
            }
            if ("enable".equals(m.group(2))) {
                plugins.change(agency, name, true, null, actor);
            } else {
                List<SettingView> settable = SettingView.of(state.plugin());
                posted = SettingsForm.parse(settable, request::parameter,
                        state.choice() == null ? Map.of() : state.choice().settings());
                plugins.change(agency, name, true, posted, actor);
            }
            return Optional.of(PageView.redirect(PATH + "?saved=" + name));
        } catch (ProblemException e) {
            if (e.problem().status() == 400) {
                Map<String, String> errors = SettingsForm.errors(e.problem(), request::text);
                Map<String, ?> values = posted != null ? posted : state.choice() == null ? Map.of() : state.choice().settings();
                return Optional.of(settings(request, state, values, errors, request.text("plugins.error.settings"))
                        .withStatus(400));
            }
            if (e.problem().status() == 404) {
                throw e;
            }
            return Optional.of(list(request, agency, PageProblems.text(e.problem())).withStatus(e.problem().status()));
        }
    }

    private PageView list(PageRequest request, String agency, String error) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AgencyPluginState state : plugins.forAgency(agency)) {
            rows.add(row(state));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("plugins", rows);
        model.put("error", error);
        model.put("notice", request.parameter("saved").map(n -> request.text("plugins.saved", n))
                .or(() -> request.parameter("disabled").map(n -> request.text("plugins.disabled", n))).orElse(""));
        return PageView.of("plugins", model);
    }

    private PageView settings(PageRequest request, AgencyPluginState state, Map<String, ?> values, Map<String, String> errors,
            String error) {
        CataloguePlugin plugin = state.plugin();
        Map<String, Object> model = new HashMap<>(row(state));
        model.put("fields", SettingsForm.fields(SettingView.of(plugin), values, errors));
        model.put("error", error);
        return PageView.of("plugin-settings", model);
    }

    static Map<String, Object> row(AgencyPluginState state) {
        CataloguePlugin plugin = state.plugin();
        String name = plugin.module().name();
        Map<String, Object> row = new HashMap<>();
        row.put("symbolicName", plugin.symbolicName());
        row.put("label", name == null || name.isBlank() ? plugin.symbolicName() : name);
        row.put("version", plugin.module().version());
        row.put("publisher", plugin.module().publisher() == null ? "" : plugin.module().publisher());
        row.put("own", plugin.owner() != null);
        row.put("enabled", state.enabled());
        row.put("hasSettings", !SettingView.of(plugin).isEmpty());
        row.put("extensionPoints", String.join(", ", plugin.extensionPoints()));
        return row;
    }

    private static String agency(PageRequest request) {
        return request.caller().map(Caller::agency).orElseThrow(PluginsPage::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such page.");
    }
}
