package org.porchlight.incentives.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.incentives.Programmes;
import org.porchlight.incentives.Raffles;

/**
 * A raffle as anyone may check it ({@code PublicRaffleResource}'s view): the commitment, and once drawn the seed, the
 * sorted entrant labels and the winners. {@code raffle-check.js} recomputes the draw in the browser; without
 * JavaScript the page says how to recompute it by hand. Not in the navigation: raffles link here.
 */
@Component(service = Page.class)
public class PublicRafflePage implements Page {

    static final PageInfo INFO = new PageInfo("/raffles/public", "incentives.public.title", Set.of(PageInfo.PUBLIC), null, 0);
    static final String SCRIPT = RaffleScript.PREFIX + "/raffle-check.js";

    private final Raffles raffles;
    private final Programmes programmes;

    @Activate
    public PublicRafflePage(@Reference Raffles raffles, @Reference Programmes programmes) {
        this.raffles = raffles;
        this.programmes = programmes;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return find(request);
        }
        UUID id = PagePaths.uuid(sub).orElseThrow(() -> new ProblemException(Programmes.NOT_FOUND, "No such raffle."));
        Raffles.Raffle raffle = raffles.published(id);
        AgencyProfile agency = programmes.agency(raffle.agency());
        boolean drawn = raffle.seed() != null;
        Map<String, Object> model = PageModel.of("agency", agency.name() == null ? agency.code() : agency.name(),
                "zone", agency.zone().getId(), "raffle", RafflesPage.raffleModel(raffle), "drawn", drawn,
                "entrants", raffle.entrants(), "winners", raffle.winners(),
                "firstStep", drawn ? "(printf '%s' " + raffle.seed() + "; printf '%08x' 0) | xxd -r -p | sha256sum" : null,
                "commitmentStep", drawn ? "printf '%s' " + raffle.seed() + " | xxd -r -p | sha256sum" : null,
                "scripts", drawn ? List.of(SCRIPT) : List.of());
        return PageView.of("raffle-public", model);
    }

    /** The bare path: a raffle's number typed or pasted in (a GET form, so the address can be shared). */
    private PageView find(PageRequest request) {
        String typed = request.parameter("raffle").map(String::strip).orElse("");
        if (!typed.isEmpty()) {
            UUID id = PagePaths.uuid(typed).orElse(null);
            if (id != null) {
                return PageView.redirect(INFO.path() + "/" + id);
            }
            return PageView.of("raffle-find", Map.of("raffle", typed, "error", "incentives.public.badNumber")).withStatus(400);
        }
        return PageView.of("raffle-find", Map.of("raffle", "", "error", ""));
    }
}
