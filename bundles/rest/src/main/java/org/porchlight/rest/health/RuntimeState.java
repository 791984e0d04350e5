package org.porchlight.rest.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The framework's own health: whether start-up has finished, which components failed to
 * activate and which bundles should run but do not. A failed module degrades the server; it
 * does not take it down.
 */
final class RuntimeState {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    RuntimeState(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** {@code null} once the framework has reached its start level, else why not. */
    String startingReason() {
        FrameworkStartLevel frameworkLevel = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class);
        int target = parseInt(context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL), 1);
        int current = frameworkLevel.getStartLevel();
        return current >= target ? null : "starting (start level " + current + " of " + target + ")";
    }

    /** Components whose activation threw, with the first line of the reason. */
    List<Map<String, Object>> failedComponents() {
        List<Map<String, Object>> failed = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if ("bundle".equals(description.scope) || "prototype".equals(description.scope)) {
                // A bundle- or prototype-scoped service fails for one consumer at a time: SCR keeps the
                // failure after that consumer is gone, and the consumer's own failure is reported anyway.
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("component", description.name);
                    entry.put("bundle", description.bundle.symbolicName);
                    entry.put("reason", firstLine(configuration.failure));
                    failed.add(entry);
                }
            }
        }
        return failed;
    }

    /** Bundles that do not resolve, or that were started but are not active (their activator threw). */
    List<Map<String, Object>> inactiveBundles() {
        List<Map<String, Object>> inactive = new ArrayList<>();
        int frameworkLevel = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class).getStartLevel();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == Constants.SYSTEM_BUNDLE_ID || isFragment(bundle)) {
                continue;
            }
            String problem = null;
            if (bundle.getState() == Bundle.INSTALLED) {
                problem = "does not resolve (missing packages or capabilities)";
            } else if (bundle.getState() == Bundle.RESOLVED) {
                BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
                if (level != null && level.isPersistentlyStarted() && level.getStartLevel() <= frameworkLevel) {
                    problem = "failed to start";
                }
            }
            if (problem != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("bundle", bundle.getSymbolicName());
                entry.put("version", bundle.getVersion().toString());
                entry.put("reason", problem);
                inactive.add(entry);
            }
        }
        return inactive;
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The message of the innermost cause in SCR's failure text, which is a whole stack trace. */
    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "unknown";
        }
        String line = text.strip().lines().findFirst().orElse(text);
        for (String candidate : text.strip().lines().toList()) {
            if (candidate.startsWith("Caused by: ")) {
                line = candidate.substring("Caused by: ".length());
            }
        }
        // SCR prefixes the exception class; operators want the message.
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
            line = line.substring(colon + 2);
        }
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
