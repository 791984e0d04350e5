package org.porchlight.press;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.press.TemplateCheck;

/**
 * The {@link TemplateCheck} services installed besides the built-in checks, and which of them an
 * agency's drafts pass: those the platform's {@link PluginScope} lets serve the agency (a plugin it
 * enabled; this bundle's own always). Without a scope only this bundle's own checks serve.
 */
@Component(service = TemplateChecks.class)
public class TemplateChecks {

    private static final Pattern CHECK_NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Set<String> BUILT_IN = Set.of(BuiltInChecks.PLACEHOLDERS, BuiltInChecks.LENGTH,
            BuiltInChecks.DISCLOSURE);

    private final ScopedServices<TemplateCheck> checks;

    @Activate
    public TemplateChecks(BundleContext context) {
        this(context.getBundle().getBundleId());
    }

    /** @param ownBundle this bundle's id: its own checks serve every agency */
    TemplateChecks(long ownBundle) {
        this.checks = new ScopedServices<>(ownBundle);
    }

    /** A check without a valid name, or with a built-in's, is never run. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(TemplateCheck check, Map<String, Object> properties) {
        if (properties.get(TemplateCheck.NAME) instanceof String name && CHECK_NAME.matcher(name).matches()
                && !BUILT_IN.contains(name)) {
            checks.add(check, properties);
        }
    }

    void removeCheck(TemplateCheck check) {
        checks.remove(check);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setScope(PluginScope scope) {
        checks.scope(scope);
    }

    /** A greedy reference binds the better scope before it unbinds the one it replaces. */
    void unsetScope(PluginScope gone) {
        checks.unscope(gone);
    }

    /**
     * The checks an agency's drafts pass now, by name in name order; of two serving it under one
     * name, the one registered later (an updated plugin's new service).
     */
    Map<String, TemplateCheck> forAgency(String agency) {
        Map<String, TemplateCheck> serving = new TreeMap<>();
        for (ScopedServices.Entry<TemplateCheck> entry : checks.forAgency(agency)) {
            serving.put((String) entry.properties().get(TemplateCheck.NAME), entry.service());
        }
        return serving;
    }
}
