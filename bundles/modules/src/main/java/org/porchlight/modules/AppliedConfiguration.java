package org.porchlight.modules;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether SCR has handed a changed configuration to the components that use it. SCR applies a change
 * after the configuration listeners ran, on its own thread; on a busy machine that can start later
 * than the quiet time a swap waits for, and a swap released before it would let requests meet
 * components that are being re-created. Compares the components' properties with the configuration's.
 */
final class AppliedConfiguration {

    private AppliedConfiguration() {
    }

    /**
     * @param pid        the configuration's PID
     * @param wanted     its properties now; null once it is deleted (nothing to wait for)
     * @param components the properties of each component configuration of the components that use it
     */
    static boolean applied(String pid, Map<String, ?> wanted, List<Map<String, Object>> components) {
        if (wanted == null) {
            return true;
        }
        boolean any = false;
        for (Map<String, Object> properties : components) {
            if (!configuredBy(properties.get("service.pid"), pid)) {
                continue; // another factory configuration's component, or one not configured yet
            }
            any = true;
            for (Map.Entry<String, ?> entry : wanted.entrySet()) {
                if (!entry.getKey().startsWith("service.")
                        && !normal(entry.getValue()).equals(normal(properties.get(entry.getKey())))) {
                    return false;
                }
            }
        }
        // None configured by it yet: applied only if there is nothing to configure (e.g. a required
        // configuration's component that SCR has not made yet is not in the list either).
        return any || components.isEmpty();
    }

    private static boolean configuredBy(Object servicePid, String pid) {
        if (servicePid == null) {
            return false;
        }
        if (servicePid.getClass().isArray() || servicePid instanceof Collection<?>) {
            return elements(servicePid).contains(pid);
        }
        return pid.equals(String.valueOf(servicePid));
    }

    /** A value as text, whatever the container: SCR's DTOs keep scalars and arrays, and turn other types into text. */
    static String normal(Object value) {
        if (value != null && (value.getClass().isArray() || value instanceof Collection<?>)) {
            return elements(value).toString();
        }
        return String.valueOf(value);
    }

    private static List<String> elements(Object container) {
        List<String> elements = new ArrayList<>();
        if (container instanceof Collection<?> collection) {
            collection.forEach(e -> elements.add(String.valueOf(e)));
        } else {
            for (int i = 0; i < Array.getLength(container); i++) {
                elements.add(String.valueOf(Array.get(container, i)));
            }
        }
        return elements;
    }
}
