package org.porchlight.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.porchlight.api.rest.PathRedaction;
import org.porchlight.api.ui.Download;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes portal pages: a page's own template inside the shell's layout (header, navigation the
 * caller may see, language switch, footer), and the error pages (404, 403, 405, 500 with a
 * correlation id that the log repeats with the exception; never an exception's text).
 */
final class PageWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PageWriter.class);

    private final Templates templates;
    private final Messages messages;
    private final PortalPages pages;
    private final PageScope scope;
    private final ClassLoader shell;
    private final WebConfiguration config;

    PageWriter(Templates templates, Messages messages, PortalPages pages, PageScope scope, ClassLoader shell,
            WebConfiguration config) {
        this.scope = scope;
        this.templates = templates;
        this.messages = messages;
        this.pages = pages;
        this.shell = shell;
        this.config = config;
    }

    /** Writes what a page returned: a redirect, or its template inside the layout. */
    void write(Visit visit, Contribution contribution, PageView view) throws IOException {
        if (view.redirect() != null) {
            visit.response().setStatus(view.status());
            visit.response().setHeader("Location", view.redirect());
            return;
        }
        if (view.download() != null) {
            download(visit, view.download());
            return;
        }
        PageInfo info = contribution.page().info();
        try {
            Map<String, Object> common = common(visit);
            Map<String, Object> model = new HashMap<>(common);
            model.putAll(view.model());
            String body = templates.render(contribution.loader(), view.template(), visit.locale(), model);
            if (view.fragment()) {
                send(visit, view.status(), body);
                return;
            }
            String title = messages.text(contribution.loader(), visit.locale(), info.titleKey());
            send(visit, view.status(), layout(visit, common, title, body, scripts(view)));
        } catch (Exception e) {
            unexpected(visit, e);
        }
    }

    /** A file as an attachment under a name that cannot break the header; the bytes straight from the page. */
    private void download(Visit visit, Download download) throws IOException {
        HttpServletResponse response = visit.response();
        String name = download.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        response.setStatus(200);
        response.setContentType(download.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + (name.isEmpty() ? "download" : name) + "\"");
        if (download.size() >= 0) {
            response.setContentLengthLong(download.size());
        }
        if (!"HEAD".equals(visit.request().getMethod())) {
            download.body().writeTo(response.getOutputStream());
        }
    }

    /** The shell's own template {@code name} (sign-in form again with its error, say) inside the layout. */
    void writeShell(Visit visit, int status, String name, String titleKey, Map<String, Object> extra) throws IOException {
        try {
            Map<String, Object> common = common(visit);
            Map<String, Object> model = new HashMap<>(common);
            model.putAll(extra);
            String body = templates.render(shell, name, visit.locale(), model);
            send(visit, status, layout(visit, common, messages.text(shell, visit.locale(), titleKey), body, List.of()));
        } catch (Exception e) {
            unexpected(visit, e);
        }
    }

    /** An error page: 404, 403, 405, 429 and other 4xx with their own wording. */
    void error(Visit visit, int status) throws IOException {
        String key = switch (status) {
            case 404 -> "error.notFound";
            case 403 -> "error.forbidden";
            case 405 -> "error.method";
            case 410 -> "error.gone";
            case 413 -> "error.tooLarge";
            case 415 -> "error.noFiles";
            case 429 -> "error.tooMany";
            case 503 -> "error.unavailable";
            default -> "error.bad";
        };
        writeShell(visit, status, "error", key + ".title",
                Map.of("heading", key + ".title", "message", key + ".text", "status", status, "requestId", ""));
    }

    /** A 500 page naming a correlation id; the log has the exception under the same id, the page nothing of it. */
    void unexpected(Visit visit, Exception e) throws IOException {
        String id = UUID.randomUUID().toString();
        LOG.error("Portal page {} failed; request id {}", PathRedaction.path(visit.path()), id, e);
        HttpServletResponse response = visit.response();
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        try {
            Map<String, Object> common = common(visit);
            Map<String, Object> model = new HashMap<>(common);
            model.putAll(Map.of("heading", "error.unexpected.title", "message", "error.unexpected.text", "status", 500,
                    "requestId", id));
            String body = templates.render(shell, "error", visit.locale(), model);
            send(visit, 500, layout(visit, common, messages.text(shell, visit.locale(), "error.unexpected.title"), body,
                    List.of()));
        } catch (Exception again) {
            LOG.error("The portal's error page failed too; request id {}", id, again);
            response.resetBuffer();
            response.setStatus(500);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write(("Internal error. Request id: " + id + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The page in the portal's layout, from the same {@code common} model the page's body was rendered with. */
    private String layout(Visit visit, Map<String, Object> common, String title, String body, List<String> scripts)
            throws Exception {
        Map<String, Object> model = new HashMap<>(common);
        model.put("scripts", scripts);
        model.put("title", title);
        model.put("body", body);
        return templates.render(shell, "layout", visit.locale(), model);
    }

    /**
     * The page's own scripts, from its model's {@code scripts}: paths of static files under {@code /static/}
     * (a bundle serves its own with an HTTP whiteboard resource there), loaded after the shell's.
     */
    private static List<String> scripts(PageView view) {
        if (!(view.model().get("scripts") instanceof List<?> listed)) {
            return List.of();
        }
        List<String> scripts = new ArrayList<>();
        for (Object s : listed) {
            String path = String.valueOf(s);
            if (!path.matches("/static/[A-Za-z0-9._/-]+\\.js") || path.contains("..")) {
                throw new IllegalArgumentException("a page's script is a .js file under /static/: " + path);
            }
            scripts.add(path);
        }
        return scripts;
    }

    private void send(Visit visit, int status, String html) throws IOException {
        HttpServletResponse response = visit.response();
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(visit.request().getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    /** What every template sees besides its own model. */
    Map<String, Object> common(Visit visit) {
        Map<String, Object> model = new HashMap<>();
        model.put("installationName", config.installationName());
        model.put("lang", visit.locale().getLanguage());
        model.put("csrf", visit.csrf());
        model.put("csrfField", CsrfTokens.FIELD);
        model.put("signedIn", visit.caller().isPresent());
        model.put("role", visit.role() == null ? "" : visit.role());
        model.put("path", visit.path());
        model.put("navigation", navigation(visit));
        model.put("languages", languages(visit.locale()));
        model.put("tileServerUrl", config.tileServerUrl());
        model.put("tileAttribution", config.tileAttribution());
        return model;
    }

    private List<Map<String, Object>> navigation(Visit visit) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (PortalPages.Group group : pages.navigation(visit.role(), c -> scope.shows(c.bundleId(), visit.caller()))) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Contribution c : group.pages()) {
                PageInfo info = c.page().info();
                entries.add(Map.of("path", info.path(), "title", messages.text(c.loader(), visit.locale(), info.titleKey()),
                        "current", info.path().equals(visit.path())));
            }
            ClassLoader owner = group.pages().get(0).loader();
            groups.add(Map.of("key", group.key(), "title", messages.text(owner, visit.locale(), group.key()), "pages", entries));
        }
        return groups;
    }

    private static List<Map<String, Object>> languages(Locale current) {
        List<Map<String, Object>> languages = new ArrayList<>();
        for (Locale l : Languages.SUPPORTED) {
            languages.add(Map.of("code", l.getLanguage(), "name", l.getDisplayLanguage(l), "current", l.equals(current)));
        }
        return languages;
    }
}
