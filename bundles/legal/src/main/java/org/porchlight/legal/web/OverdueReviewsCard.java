package org.porchlight.legal.web;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.legal.LegalRecords;

/**
 * The supervisors' dashboard card "overdue legal reviews": the agency's emergency requests whose
 * review is past due (the count of {@code GET .../emergency-requests/overdue}); urgent when any is.
 */
@Component(service = DashboardCard.class)
public class OverdueReviewsCard implements DashboardCard {

    private final LegalRecords records;

    @Activate
    public OverdueReviewsCard(@Reference LegalRecords records) {
        this.records = records;
    }

    @Override
    public Set<String> roles() {
        return Set.of(Roles.SUPERVISOR);
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        Optional<String> agency = request.caller().map(Caller::agency);
        if (agency.isEmpty()) {
            return Optional.empty();
        }
        long overdue = records.emergencies().overdueCount(agency.get());
        long hours = records.emergencies().reviewWindow().toHours();
        return Optional.of(new Item(request.text("legal.card.title"), overdue, request.text("legal.card.detail", hours),
                "/legal#emergencies", overdue > 0));
    }
}
