package org.porchlight.modules.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.modules.ModuleAdministration;
import org.porchlight.modules.ModuleView;

/**
 * {@code /admin/modules}: the platform admin's view of the modules, with their provenance, and
 * the changes {@code /api/admin/modules} makes (install, update, roll back, stop, start,
 * uninstall) through the same manager. Forms post to {@code /admin/modules/install} and
 * {@code /admin/modules/<id>/<action>}; the manager's refusals show on the page.
 */
@Component(service = Page.class)
public class ModulesPage implements Page {

    static final String PATH = "/admin/modules";
    static final PageInfo INFO = new PageInfo(PATH, "modules.title", Set.of(Roles.PLATFORM_ADMIN), PageInfo.GROUP_ADMIN, 80);
    static final Set<String> ACTIONS = Set.of("update", "rollback", "stop", "start", "uninstall");
    private static final Pattern ACTION = Pattern.compile("(\\d{1,18})/([a-z]+)");

    private final ModuleAdministration modules;

    @Activate
    public ModulesPage(@Reference ModuleAdministration modules) {
        this.modules = modules;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            return PageView.redirect(PATH);
        }
        Map<String, Object> model = model(request);
        Optional<String> done = request.parameter("done").filter(ACTIONS::contains)
                .or(() -> request.parameter("done").filter("install"::equals));
        Optional<Long> id = request.parameter("id").flatMap(ModulesPage::number);
        if (done.isPresent() && id.isPresent()) {
            try {
                ModuleView module = modules.module(id.get());
                model.put("notice", request.text("modules.done." + done.get(), label(module), module.version(), module.state()));
            } catch (ProblemException e) {
                // uninstalled meanwhile: no notice
                if ("uninstall".equals(done.get())) {
                    model.put("notice", request.text("modules.done.uninstall", "#" + id.get(), "", "UNINSTALLED"));
                }
            }
        }
        return PageView.of("modules", model);
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Actor actor = Actor.account(request.caller().map(Caller::account).orElseThrow(), false);
        String sub = request.subPath();
        try {
            if ("install".equals(sub)) {
                Optional<UploadedModule> upload = UploadedModule.from(request, modules.maxUploadBytes());
                if (upload.isEmpty()) {
                    return Optional.of(failed(request, request.text("modules.error.noFile"), 400));
                }
                try (UploadedModule file = upload.get()) {
                    ModuleView module = modules.install(file.file(), actor);
                    return Optional.of(done("install", module.id()));
                }
            }
            Matcher m = ACTION.matcher(sub);
            if (!m.matches() || !ACTIONS.contains(m.group(2))) {
                return Optional.of(failed(request, request.text("modules.error.unknown"), 404));
            }
            long id = Long.parseLong(m.group(1));
            String action = m.group(2);
            switch (action) {
                case "update" -> {
                    Optional<UploadedModule> upload = UploadedModule.from(request, modules.maxUploadBytes());
                    if (upload.isEmpty()) {
                        return Optional.of(failed(request, request.text("modules.error.noFile"), 400));
                    }
                    try (UploadedModule file = upload.get()) {
                        modules.update(id, file.file(), actor);
                    }
                }
                case "rollback" -> modules.rollback(id, actor);
                case "stop" -> modules.stop(id, actor);
                case "start" -> modules.start(id, actor);
                default -> modules.uninstall(id, actor);
            }
            return Optional.of(done(action, id));
        } catch (ProblemException e) {
            int status = e.problem().status();
            return Optional.of(failed(request, PageProblems.text(e.problem()),
                    status >= 400 && status < 500 ? status : 422));
        }
    }

    private static PageView done(String action, long id) {
        return PageView.redirect(PATH + "?done=" + action + "&id=" + id);
    }

    private PageView failed(PageRequest request, String error, int status) {
        Map<String, Object> model = model(request);
        model.put("error", error);
        return PageView.of("modules", model).withStatus(status);
    }

    /** A module file only to the install and update forms, at most the manager's limit (and room for the form). */
    @Override
    public long uploadLimit(PageRequest request) {
        String sub = request.subPath();
        boolean takesFile = "install".equals(sub) || sub.endsWith("/update");
        return takesFile ? UploadedModule.limit(modules.maxUploadBytes()) : 0;
    }

    private Map<String, Object> model(PageRequest request) {
        List<Map<String, Object>> changeable = new ArrayList<>();
        List<Map<String, Object>> platform = new ArrayList<>();
        for (ModuleView module : modules.list()) {
            (module.protectedModule() ? platform : changeable).add(row(module));
        }
        List<Map<String, Object>> refused = new ArrayList<>();
        for (ModuleAdministration.RefusedFile r : modules.refused()) {
            refused.add(Map.of("file", r.file() == null ? "" : r.file(), "reason", r.reason(), "source", r.source(),
                    "at", r.at() == null ? "" : r.at().toString()));
        }
        java.util.Collections.reverse(refused); // newest first
        Map<String, Object> model = new HashMap<>();
        model.put("signaturesRequired", modules.signaturesRequired());
        model.put("modules", changeable);
        model.put("platform", platform);
        model.put("refused", refused);
        model.put("maxMegabytes", modules.maxUploadBytes() / (1024 * 1024));
        return model;
    }

    static Map<String, Object> row(ModuleView module) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", module.id());
        row.put("label", label(module));
        row.put("symbolicName", nullToEmpty(module.symbolicName()));
        row.put("version", nullToEmpty(module.version()));
        row.put("state", nullToEmpty(module.state()));
        row.put("active", "ACTIVE".equals(module.state()));
        row.put("provenance", nullToEmpty(module.provenance()));
        row.put("publisher", nullToEmpty(module.publisher()));
        String sha = nullToEmpty(module.sha256());
        row.put("sha256", sha);
        row.put("shortSha", sha.length() > 12 ? sha.substring(0, 12) : sha);
        row.put("previousVersion", nullToEmpty(module.previousVersion()));
        row.put("problem", nullToEmpty(module.problem()));
        row.put("changedAt", module.changedAt() == null ? "" : module.changedAt().toString());
        row.put("removable", !"core".equals(module.provenance()));
        row.put("services", module.services() == null ? 0 : module.services().size());
        row.put("routes", module.routes() == null ? 0 : module.routes().size());
        return row;
    }

    static String label(ModuleView module) {
        String name = module.name();
        return name == null || name.isBlank() ? nullToEmpty(module.symbolicName()) : name;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
