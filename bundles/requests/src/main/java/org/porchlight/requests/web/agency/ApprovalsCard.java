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

/** A supervisor's card: the agency's requests waiting for approval that they may review (not their own). */
@Component(service = DashboardCard.class)
public class ApprovalsCard implements DashboardCard {

    private final RequestWorkflow workflow;

    @Activate
    public ApprovalsCard(@Reference RequestWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public Set<String> roles() {
        return Set.of(Roles.SUPERVISOR);
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        Caller caller = request.caller().orElse(null);
        if (caller == null || caller.agency() == null) {
            return Optional.empty();
        }
        int waiting = workflow.count(caller.agency(), RequestState.PENDING_APPROVAL, null, caller.account());
        if (waiting == 0) {
            return Optional.empty();
        }
        return Optional.of(new Item(request.text("requests.agency.card.approvals.title"), waiting,
                request.text("requests.agency.card.approvals.detail", waiting), AgencyRequestsPage.PATH + "#waiting", false));
    }
}
