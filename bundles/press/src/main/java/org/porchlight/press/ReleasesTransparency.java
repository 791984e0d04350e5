package org.porchlight.press;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;

/** The {@code releases} section of agencies' public pages: releases published per month, in the agency's time zone. */
@Component(property = TransparencySource.SECTION + "=releases")
public class ReleasesTransparency implements TransparencySource {

    private final ReleaseLog log;

    @Activate
    public ReleasesTransparency(@Reference ReleaseLog log) {
        this.log = log;
    }

    @Override
    public List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to) {
        Map<YearMonth, Long> counts = log.publishedPerMonth(agencyCode, from, to);
        List<MonthlyFigures> months = new ArrayList<>();
        counts.forEach((month, n) -> months.add(new MonthlyFigures(month, Map.of("releasesPublished", n))));
        return months;
    }
}
