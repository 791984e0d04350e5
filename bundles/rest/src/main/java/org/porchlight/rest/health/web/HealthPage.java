package org.porchlight.rest.health.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.rest.health.HealthReport;
import org.porchlight.rest.health.HealthResource;

/**
 * {@code /admin/health}: the report {@code GET /api/health} gives platform admins, as a page: the
 * server's status with its reason and every check (the SDK's {@code HealthCheck} services and the
 * runtime's own) with its status, whether it is critical, and its details.
 */
@Component(service = Page.class)
public class HealthPage implements Page {

    static final PageInfo INFO = new PageInfo("/admin/health", "health.title", Set.of(Roles.PLATFORM_ADMIN),
            PageInfo.GROUP_ADMIN, 81);

    private final HealthResource health;

    @Activate
    public HealthPage(@Reference HealthResource health) {
        this.health = health;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            return PageView.redirect(INFO.path());
        }
        return PageView.of("health", model(health.report()));
    }

    static Map<String, Object> model(HealthReport report) {
        List<Map<String, Object>> checks = new ArrayList<>();
        new TreeMap<>(report.checks()).forEach((name, check) -> {
            List<Map<String, Object>> details = new ArrayList<>();
            new TreeMap<>(check.details()).forEach((key, value) -> details.add(Map.of("key", key, "value", text(value))));
            checks.add(Map.of("name", name, "status", check.status(), "up", HealthReport.UP.equals(check.status()),
                    "critical", check.critical(), "details", details));
        });
        Map<String, Object> model = new HashMap<>();
        model.put("status", report.status());
        model.put("up", HealthReport.UP.equals(report.status()));
        model.put("reason", report.reason() == null ? "" : report.reason());
        model.put("checks", checks);
        return model;
    }

    /** A detail as text: lists and maps (failed components, inactive bundles) spelled out; empty ones as "none". */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.util.Collection<?> c) {
            if (c.isEmpty()) {
                return "—";
            }
            List<String> parts = new ArrayList<>();
            c.forEach(v -> parts.add(text(v)));
            return String.join("; ", parts);
        }
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "—";
            }
            List<String> parts = new ArrayList<>();
            new TreeMap<>(m.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()),
                    e -> text(e.getValue()), (a, b) -> a))).forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(", ", parts);
        }
        return String.valueOf(value);
    }
}
