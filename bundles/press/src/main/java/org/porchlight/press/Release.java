package org.porchlight.press;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.press.ReleaseKind;

/**
 * An entry of the public release log: what was published, as approved, who wrote it and who approved and published it;
 * {@code selfApproved} if the author of the approved version approved it, which only an agency policy allows.
 */
public record Release(UUID id, UUID template, int version, ReleaseKind kind, String network, String locale, String title,
        String text, String html, Author author, List<Author> contributors, String approvedBy, Instant approvedAt,
        String publishedBy, Instant publishedAt, List<String> checksPassed, boolean selfApproved) {
}
