package org.porchlight.registry.web;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.registry.ImportRuns;
import org.porchlight.registry.RegistryPortal;

/** The staff dashboard's card for the agency's import sources whose latest run failed or was interrupted. */
@Component(service = DashboardCard.class)
public class ImportsCard implements DashboardCard {

    private final RegistryPortal registry;

    @Activate
    public ImportsCard(@Reference RegistryPortal registry) {
        this.registry = registry;
    }

    @Override
    public Set<String> roles() {
        return RegistryPage.IMPORT_ROLES;
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        Optional<Caller> caller = request.caller().filter(c -> c.agency() != null);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        long failed = registry.sources(caller.get().agency()).stream().filter(s -> s.latestRun() != null)
                .filter(s -> s.latestRun().status() == ImportRuns.Status.FAILED
                        || s.latestRun().status() == ImportRuns.Status.INTERRUPTED)
                .count();
        return failed == 0 ? Optional.empty() : Optional.of(new Item(request.text("registry.card.title"), failed,
                request.text("registry.card.detail"), RegistryPage.PATH + "#imports", true));
    }
}
