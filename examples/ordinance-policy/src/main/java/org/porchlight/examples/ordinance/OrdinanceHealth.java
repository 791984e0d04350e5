package org.porchlight.examples.ordinance;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.porchlight.api.health.HealthCheck;
import org.porchlight.api.requests.RequestPolicy;

/**
 * {@code ordinance} in {@code /api/health}: whether the ordinance is in force. An installed ordinance that does not run
 * (no configuration, an invalid one) lets requests through that the city forbids, so it shows as DOWN.
 */
@Component
public class OrdinanceHealth implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(component.name=org.porchlight.examples.ordinance.OrdinancePolicy)")
    private volatile RequestPolicy ordinance;

    @Override
    public String name() {
        return "ordinance";
    }

    @Override
    public Result check() {
        if (ordinance == null) {
            return Result.down("the ordinance is not in force: etc/" + OrdinanceConfiguration.PID
                    + ".cfg is missing or invalid (see the log)");
        }
        return Result.up(Map.of("pid", OrdinanceConfiguration.PID));
    }
}
