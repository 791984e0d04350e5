package org.porchlight.transparency;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agency's public transparency page.
 *
 * @param timeZone the agency's time zone, in which the months are counted
 * @param months   each month of the range, oldest first: {@code {"month": "2026-11", "<section>": {figures}}}
 *                 for every available section ({@code {}} where it had nothing that month); a figure
 *                 whose value is {@code null} (nothing to compute) is left out, since the API writes no nulls
 * @param sections every registered section, and whether it could answer for this page
 */
public record TransparencyPage(Agency agency, String timeZone, String from, String to, List<Map<String, Object>> months,
        List<Section> sections, Instant generatedAt) {

    /** The agency, as the public may know it. */
    public record Agency(String code, String name) {
    }

    /** A section of the page; an unavailable one failed while the page was assembled and is left out of the months. */
    public record Section(String name, boolean available) {
    }

    /** Whether every section answered. */
    public boolean complete() {
        return sections.stream().allMatch(Section::available);
    }
}
