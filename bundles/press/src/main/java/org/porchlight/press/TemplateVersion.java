package org.porchlight.press;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One immutable version of a template: its text, placeholders and values, and who wrote it. */
public record TemplateVersion(int version, String title, String body, List<Placeholder> placeholders, Map<String, String> values,
        Author author, Instant createdAt) {
}
