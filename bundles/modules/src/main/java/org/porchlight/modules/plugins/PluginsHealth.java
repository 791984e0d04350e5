package org.porchlight.modules.plugins;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.health.HealthCheck;
import org.porchlight.api.plugins.PluginScope;

/**
 * The health check {@code plugins}: up while the platform's plugin scope is, without which the REST
 * core answers no plugin's route (503) and consumers consult only built-in extensions. Required by
 * the REST core's health (its {@code requiredHealthChecks}), so that a server is ready only once it
 * scopes its plugins.
 */
@Component(service = HealthCheck.class)
public class PluginsHealth implements HealthCheck {

    private final AgencyPlugins plugins;

    @Activate
    public PluginsHealth(@Reference PluginScope scope, @Reference AgencyPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Result check() {
        return Result.up(Map.of("agencyChoices", plugins.enablements().rows().size()));
    }
}
