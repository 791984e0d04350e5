package org.porchlight.modules;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.health.HealthCheck;

/**
 * {@code modules} in {@code /api/health}: whether signatures are checked, how many publishers
 * the trust store holds and how many files were refused. The development setting that accepts
 * unsigned modules reports this check down, so that the server shows DEGRADED while it is on.
 */
@Component(service = HealthCheck.class)
public class ModulesHealth implements HealthCheck {

    private final ModuleManager modules;

    @Activate
    public ModulesHealth(@Reference ModuleManager modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "modules";
    }

    @Override
    public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.put("trustedPublishers", modules.trust().publishers().size());
        } catch (IOException e) {
            return Result.down("the trust store cannot be read: " + e.getMessage());
        }
        details.put("refused", modules.refusals().size());
        if (modules.unsignedAllowed()) {
            details.put("signatures", "NOT REQUIRED");
            details.put("reason", "development setting: modules without a trusted signature are accepted "
                    + "(allowUnsigned in etc/org.porchlight.modules.cfg)");
            return new Result(Status.DOWN, details);
        }
        details.put("signatures", "required");
        return Result.up(details);
    }
}
