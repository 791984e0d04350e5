package org.porchlight.incentives.web;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.incentives.Raffles;

/** The agency admin's dashboard card: the agency's raffles still open, waiting to be drawn. */
@Component(service = DashboardCard.class)
public class RafflesToDrawCard implements DashboardCard {

    private final Raffles raffles;

    @Activate
    public RafflesToDrawCard(@Reference Raffles raffles) {
        this.raffles = raffles;
    }

    @Override
    public Set<String> roles() {
        return Set.of(Roles.AGENCY_ADMIN);
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        String agency = request.caller().map(Caller::agency).orElse(null);
        if (agency == null) {
            return Optional.empty();
        }
        long open = raffles.openCount(agency);
        if (open == 0) {
            return Optional.empty();
        }
        return Optional.of(new Item(request.text("incentives.card.title"), open, request.text("incentives.card.detail"),
                RafflesPage.INFO.path(), false));
    }
}
