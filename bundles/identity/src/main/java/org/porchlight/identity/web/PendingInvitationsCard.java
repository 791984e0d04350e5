package org.porchlight.identity.web;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.identity.Directory;

/** The agency admin's dashboard card: staff invited who have not activated their account yet. */
@Component(service = DashboardCard.class)
public class PendingInvitationsCard implements DashboardCard {

    private final Directory directory;

    @Activate
    public PendingInvitationsCard(@Reference Directory directory) {
        this.directory = directory;
    }

    @Override
    public Set<String> roles() {
        return Set.of(Roles.AGENCY_ADMIN);
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        String agency = request.caller().map(Caller::agency).orElse(null);
        if (agency == null) {
            return Optional.empty();
        }
        long pending = directory.staff(agency).stream().filter(a -> "PENDING".equals(a.status())).count();
        if (pending == 0) {
            return Optional.empty();
        }
        return Optional.of(new Item(request.text("identity.card.title"), pending, request.text("identity.card.detail"),
                StaffPage.INFO.path(), false));
    }
}
