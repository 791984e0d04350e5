package org.porchlight.press.web;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.press.ReleaseState;
import org.porchlight.press.TemplateWorkflow;

/** The dashboard card of the agency's approvers (PIO, admin): templates in review, waiting for an approval or a rejection. */
@Component(service = DashboardCard.class)
public class PressApprovalsCard implements DashboardCard {

    private final TemplateWorkflow workflow;

    @Activate
    public PressApprovalsCard(@Reference TemplateWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public Set<String> roles() {
        return Set.of(Roles.PIO, Roles.AGENCY_ADMIN);
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        Caller caller = request.caller().orElse(null);
        if (caller == null || caller.agency() == null) {
            return Optional.empty();
        }
        long waiting = workflow.templates(caller, caller.agency()).stream().filter(t -> t.state() == ReleaseState.IN_REVIEW)
                .count();
        if (waiting == 0) {
            return Optional.empty();
        }
        return Optional.of(new Item(request.text("press.card.title"), waiting, request.text("press.card.detail", waiting),
                PressPage.PATH, false));
    }
}
