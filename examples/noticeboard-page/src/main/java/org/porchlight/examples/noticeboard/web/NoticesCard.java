package org.porchlight.examples.noticeboard.web;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.PageRequest;

import org.porchlight.examples.noticeboard.NoticeBoard;

/** A card on the staff dashboard: how many notices the public reads on the caller's agency's board today. */
@Component(service = DashboardCard.class)
public class NoticesCard implements DashboardCard {

    private final NoticeBoard board;

    @Activate
    public NoticesCard(@Reference NoticeBoard board) {
        this.board = board;
    }

    @Override
    public Set<String> roles() {
        return Roles.STAFF;
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public Optional<Item> card(PageRequest request) {
        Optional<Caller> caller = request.caller();
        if (caller.isEmpty() || caller.get().agency() == null) {
            return Optional.empty();
        }
        int count = board.current(caller.get().agency()).size();
        return Optional.of(new Item(request.text("noticeboard.card.title"), count, request.text("noticeboard.card.detail", count),
                NoticeboardPage.INFO.path(), false));
    }
}
