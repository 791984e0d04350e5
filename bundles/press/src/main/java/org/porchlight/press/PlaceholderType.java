package org.porchlight.press;

/** What a placeholder holds, and so how its value is checked and rendered. */
public enum PlaceholderType {
    /** Free text the author supplies. */
    TEXT,
    /** A calendar date the author supplies, ISO format ({@code 2026-11-29}); rendered in the template's locale. */
    DATE,
    /** A number the author supplies; rendered in the template's locale. */
    NUMBER,
    /** The agency's name, filled by Porchlight. */
    AGENCY_NAME,
    /** A figure of one of the agency's incentive programmes, filled by Porchlight from {@code source}. */
    PROGRAM_FIGURE
}
