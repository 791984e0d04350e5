package org.porchlight.press;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample values for a preview: the author's values where given, else one of the right type for each
 * placeholder the author fills ({@code TEXT}, {@code DATE}, {@code NUMBER}); Porchlight fills the others.
 */
public final class PreviewSamples {

    /** The sample of a {@code NUMBER} without a value. */
    public static final String NUMBER = "1234";

    private PreviewSamples() {
    }

    /** The values to preview with: {@code given}, with the blank or missing ones of author-filled placeholders sampled. */
    public static Map<String, String> fill(List<Placeholder> declared, Map<String, String> given, LocalDate today) {
        Map<String, String> values = new LinkedHashMap<>(given == null ? Map.of() : given);
        for (Placeholder p : declared) {
            String value = values.get(p.name());
            if (value != null && !value.isBlank() || p.type() == null) {
                continue;
            }
            switch (p.type()) {
                case TEXT -> values.put(p.name(), "[" + p.name() + "]");
                case DATE -> values.put(p.name(), today.toString());
                case NUMBER -> values.put(p.name(), NUMBER);
                default -> {
                    // AGENCY_NAME and PROGRAM_FIGURE: Porchlight fills them
                }
            }
        }
        return values;
    }
}
