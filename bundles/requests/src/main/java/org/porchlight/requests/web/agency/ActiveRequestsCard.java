package org.porchlight.requests.web.agency;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.requests.RequestState;
import org.porchlight.requests.RequestWorkflow;

/** An officer's card: their own requests that are out with owners now. */
@Component(service = DashboardCard.class)
public class ActiveRequestsCard implements DashboardCard {

    private final RequestWorkflow workflow;

    @Activate
    public ActiveRequestsCard(@Reference RequestWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public Set<String> roles() {
        return Set.of(Roles.OFFICER);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        Caller caller = request.caller().orElse(null);
        if (caller == null || caller.agency() == null) {
            return Optional.empty();
        }
        int active = workflow.count(caller.agency(), RequestState.ACTIVE, caller.account(), null);
        if (active == 0) {
            return Optional.empty();
        }
        return Optional.of(new Item(request.text("requests.agency.card.active.title"), active,
                request.text("requests.agency.card.active.detail", active), AgencyRequestsPage.PATH + "#active", false));
    }
}
