package org.porchlight.api.transparency;

import java.time.YearMonth;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One section of agencies' public transparency pages, e.g. footage requests or legal demands.
 * Register it with the service property {@link #SECTION}. Figures are public: aggregates only,
 * never personal data or case details.
 */
@ConsumerType
public interface TransparencySource {

    /** Service property: the section's name on the page, 1 to 32 of {@code a-z 0-9 -}, e.g. {@code requests}. */
    String SECTION = "porchlight.transparency.section";

    /** The figures for each month from {@code from} to {@code to} (inclusive) that has any, in the agency's time zone. */
    List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to);
}
