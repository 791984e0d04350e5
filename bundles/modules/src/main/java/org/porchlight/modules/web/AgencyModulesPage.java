package org.porchlight.modules.web;

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
import org.porchlight.modules.AgencyModules;
import org.porchlight.modules.ModuleManager.Source;
import org.porchlight.modules.ModuleView;

/**
 * {@code /agency-modules}: an agency admin's own modules, what {@code /api/agencies/{agency}/modules}
 * does in the portal: upload one signed by the key the platform trusts for the agency, update,
 * stop, start and remove it. Forms post to {@code /agency-modules/install} and
 * {@code /agency-modules/<id>/<action>}; the manager's refusals show on the page. Post/redirect/get.
 */
@Component(service = Page.class)
public class AgencyModulesPage implements Page {

    static final String PATH = "/agency-modules";
    static final PageInfo INFO = new PageInfo(PATH, "agencyModules.title", Set.of(Roles.AGENCY_ADMIN), PageInfo.GROUP_ADMIN, 25);
    static final Set<String> ACTIONS = Set.of("update", "stop", "start", "uninstall");
    private static final Pattern ACTION = Pattern.compile("(\\d{1,18})/([a-z]+)");

    private final AgencyModules modules;

    @Activate
    public AgencyModulesPage(@Reference AgencyModules modules) {
        this.modules = modules;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String agency = agency(request);
        if (!request.subPath().isEmpty()) {
            return PageView.redirect(PATH);
        }
        Map<String, Object> model = model(request, agency);
        Optional<String> done = request.parameter("done").filter(d -> ACTIONS.contains(d) || "install".equals(d));
        Optional<Long> id = request.parameter("id").flatMap(ModulesPage::number);
        if (done.isPresent() && id.isPresent()) {
            if ("uninstall".equals(done.get())) {
                model.put("notice", request.text("modules.done.uninstall", "#" + id.get()));
            } else {
                try {
                    ModuleView module = modules.module(agency, id.get());
                    model.put("notice", request.text("modules.done." + done.get(), ModulesPage.label(module), module.version(),
                            module.state()));
                } catch (ProblemException e) {
                    // not the agency's, or gone meanwhile: no notice
                }
            }
        }
        return PageView.of("agency-modules", model);
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        String agency = agency(request);
        Actor actor = Actor.account(request.caller().map(Caller::account).orElseThrow(), false);
        String sub = request.subPath();
        try {
            if ("install".equals(sub)) {
                Optional<UploadedModule> upload = UploadedModule.from(request, modules.maxUploadBytes());
                if (upload.isEmpty()) {
                    return Optional.of(failed(request, agency, request.text("modules.error.noFile"), 400));
                }
                try (UploadedModule file = upload.get()) {
                    return Optional.of(done("install", modules.install(agency, file.file(), Source.PORTAL, actor).id()));
                }
            }
            Matcher m = ACTION.matcher(sub);
            if (!m.matches() || !ACTIONS.contains(m.group(2))) {
                return Optional.of(failed(request, agency, request.text("modules.error.unknown"), 404));
            }
            long id = modules.owned(agency, Long.parseLong(m.group(1)));
            String action = m.group(2);
            switch (action) {
                case "update" -> {
                    Optional<UploadedModule> upload = UploadedModule.from(request, modules.maxUploadBytes());
                    if (upload.isEmpty()) {
                        return Optional.of(failed(request, agency, request.text("modules.error.noFile"), 400));
                    }
                    try (UploadedModule file = upload.get()) {
                        modules.update(agency, id, file.file(), Source.PORTAL, actor);
                    }
                }
                case "stop" -> modules.stop(agency, id, Source.PORTAL, actor);
                case "start" -> modules.start(agency, id, Source.PORTAL, actor);
                default -> modules.uninstall(agency, id, Source.PORTAL, actor);
            }
            return Optional.of(done(action, id));
        } catch (ProblemException e) {
            int status = e.problem().status();
            return Optional.of(failed(request, agency, PageProblems.text(e.problem()), status >= 400 && status < 500 ? status : 422));
        }
    }

    /** A module file only to the install and update forms, at most the manager's limit (and room for the form). */
    @Override
    public long uploadLimit(PageRequest request) {
        String sub = request.subPath();
        boolean takesFile = "install".equals(sub) || sub.endsWith("/update");
        return takesFile ? UploadedModule.limit(modules.maxUploadBytes()) : 0;
    }

    private static PageView done(String action, long id) {
        return PageView.redirect(PATH + "?done=" + action + "&id=" + id);
    }

    private PageView failed(PageRequest request, String agency, String error, int status) {
        Map<String, Object> model = model(request, agency);
        model.put("error", error);
        return PageView.of("agency-modules", model).withStatus(status);
    }

    private Map<String, Object> model(PageRequest request, String agency) {
        List<Map<String, Object>> rows = modules.list(agency).stream().map(ModulesPage::row).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("agency", agency);
        model.put("keyTrusted", modules.keyTrusted(agency));
        model.put("modules", rows);
        model.put("maxMegabytes", modules.maxUploadBytes() / (1024 * 1024));
        return model;
    }

    private static String agency(PageRequest request) {
        return request.caller().map(Caller::agency)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such page."));
    }
}
