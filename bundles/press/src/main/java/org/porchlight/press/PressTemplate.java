package org.porchlight.press;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.porchlight.api.press.ReleaseKind;

/** A template at its current version, with where it is in the workflow and what was approved. */
public record PressTemplate(UUID id, String agency, ReleaseKind kind, String network, String locale, ReleaseState state,
        int version,
        String title, String body, List<Placeholder> placeholders, Map<String, String> values, String rejectReason,
        Integer approvedVersion, String approvedBy, Instant approvedAt, List<String> checksPassed, Instant createdAt) {
}
