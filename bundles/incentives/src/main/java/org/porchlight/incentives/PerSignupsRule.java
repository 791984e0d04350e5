package org.porchlight.incentives;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.porchlight.api.incentives.IncentiveRule;

/**
 * The built-in rule: one unit per {@code signupsPerUnit} attributed sign-ups, at most
 * {@code maxUnitsPerYear} units per campaign and calendar year (the programmes reported in the
 * press: "a camera for every 20 sign-ups, up to 50 a year").
 */
@Component(configurationPid = IncentivesConfiguration.PID, property = IncentiveRule.NAME + "=" + PerSignupsRule.NAME)
public class PerSignupsRule implements IncentiveRule {

    static final String NAME = "per-signups";

    private volatile int perUnit;
    private volatile int maxPerYear;

    @Activate
    @Modified
    void configure(IncentivesConfiguration config) {
        perUnit = Math.max(1, config.signupsPerUnit());
        maxPerYear = Math.max(0, config.maxUnitsPerYear());
    }

    @Override
    public int unitsFor(Tally tally) {
        return tally.attributionsThisYear() % perUnit == 0 && tally.unitsThisYear() < maxPerYear ? 1 : 0;
    }
}
