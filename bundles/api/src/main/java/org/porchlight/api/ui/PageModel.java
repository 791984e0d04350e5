package org.porchlight.api.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page's model written as names and values in order, {@code PageModel.of("name", name, "count", 3)}, for
 * {@link PageView#of}: a map the page may still add to.
 *
 * @since 1.2
 */
public final class PageModel {

    private PageModel() {
    }

    /** The names and values, in order; a {@code null} value is left out, for templates that test it with {@code ??}. */
    public static Map<String, Object> of(Object... namesAndValues) {
        return model(namesAndValues, null);
    }

    /** The names and values, in order; a {@code null} value is empty text, for templates that show it as it is. */
    public static Map<String, Object> orEmpty(Object... namesAndValues) {
        return model(namesAndValues, "");
    }

    private static Map<String, Object> model(Object[] namesAndValues, Object forNull) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs, got " + namesAndValues.length + " items");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("item " + i + " is no name: " + namesAndValues[i]);
            }
            Object value = namesAndValues[i + 1] == null ? forNull : namesAndValues[i + 1];
            if (value != null) {
                model.put(name, value);
            }
        }
        return model;
    }
}
