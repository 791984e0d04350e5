package org.porchlight.incentives.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.incentives.IncentivesConfiguration;
import org.porchlight.incentives.Ledger;
import org.porchlight.incentives.Programmes;
import org.porchlight.incentives.Raffles;

/**
 * The agency's raffles: create one of units the ledger holds (its commitment is public at once), add entrants by
 * label while it is open, close and draw; each raffle links to its public page. Thin, as {@code RaffleResource}.
 */
@Component(service = Page.class, configurationPid = IncentivesConfiguration.PID)
public class RafflesPage implements Page {

    static final PageInfo INFO = new PageInfo("/raffles", "incentives.raffles.title", Callers.READERS, PageInfo.GROUP_WORK, 61);
    private static final Pattern RAFFLE = Pattern.compile("([0-9a-fA-F-]{36})(/entrants|/draw)?");
    private static final Pattern LABEL = Pattern.compile(Raffles.LABEL);
    private static final int MAX_LABELS_PER_FORM = 10000;

    private final Raffles raffles;
    private final Programmes programmes;
    private final Ledger ledger;
    private final int maxEntrants;

    @Activate
    public RafflesPage(@Reference Raffles raffles, @Reference Programmes programmes, @Reference Ledger ledger,
            IncentivesConfiguration config) {
        this.raffles = raffles;
        this.programmes = programmes;
        this.ledger = ledger;
        this.maxEntrants = config.maxRaffleEntrants();
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return list(request, null);
        }
        Matcher m = RAFFLE.matcher(sub);
        if (m.matches() && m.group(2) == null) {
            return raffle(request, raffleId(m.group(1)), null);
        }
        throw new ProblemException(Programmes.NOT_FOUND, "No such page.");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Callers.requireAdmin(request);
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return Optional.of(create(request));
        }
        Matcher m = RAFFLE.matcher(sub);
        if (m.matches() && "/entrants".equals(m.group(2))) {
            return Optional.of(enter(request, raffleId(m.group(1))));
        }
        if (m.matches() && "/draw".equals(m.group(2))) {
            UUID id = raffleId(m.group(1));
            try {
                raffles.close(Callers.agency(request), id, Callers.caller(request).account());
            } catch (ProblemException e) {
                if (!"raffle-closed".equals(PageProblems.name(e.problem()))) {
                    throw e;
                }
                // drawn already (a second click, another admin): the page shows the draw that happened
            }
            return Optional.of(PageView.redirect(INFO.path() + "/" + id));
        }
        throw new ProblemException(Programmes.NOT_FOUND, "No such form.");
    }

    private PageView create(PageRequest request) {
        FormFields form = new FormFields(request, "incentives.form.");
        String title = form.text("title", true, 200);
        Integer units = form.number("units", true, 1, 1000);
        UUID campaign = form.id("campaign", false);
        if (form.valid()) {
            try {
                Raffles.Raffle created = raffles.create(Callers.agency(request), campaign, title, units,
                        Callers.caller(request).account());
                return PageView.redirect(INFO.path() + "/" + created.id());
            } catch (ProblemException e) {
                if (e.problem().status() >= 500) {
                    throw e;
                }
                form.refused("not-found".equals(PageProblems.name(e.problem())) ? "campaign" : "units", e);
            }
        }
        return list(request, form).withStatus(422);
    }

    private PageView enter(PageRequest request, UUID id) {
        FormFields form = new FormFields(request, "incentives.form.");
        List<String> labels = form.lines("labels", MAX_LABELS_PER_FORM);
        if (labels.isEmpty()) {
            form.fail("labels", "incentives.form.required");
        }
        List<String> wrong = unmatched(form, "labels", labels);
        if (form.valid()) {
            try {
                raffles.enter(Callers.agency(request), id, labels.stream().distinct().toList(), maxEntrants);
                return PageView.redirect(INFO.path() + "/" + id);
            } catch (ProblemException e) {
                if (e.problem().status() >= 500 || e.problem().status() == 404) {
                    throw e;
                }
                form.refused("labels", e);
            }
        }
        PageView view = raffle(request, id, form);
        Map<String, Object> model = new LinkedHashMap<>(view.model());
        model.put("wrongLabels", wrong.stream().limit(10).toList());
        return PageView.of(view.template(), model).withStatus(422);
    }

    private PageView list(PageRequest request, FormFields form) {
        AgencyProfile agency = programmes.agency(Callers.agency(request));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Raffles.Raffle r : raffles.list(agency.code())) {
            rows.add(raffleModel(r));
        }
        List<Map<String, Object>> campaigns = new ArrayList<>();
        for (Programmes.Campaign c : programmes.campaigns(agency.code())) {
            campaigns.add(PageModel.of("id", c.id().toString(), "name", c.name()));
        }
        Map<String, Object> model = PageModel.of("agency", agency.name() == null ? agency.code() : agency.name(),
                "zone", agency.zone().getId(), "admin", Callers.admin(request), "raffles", rows,
                "campaigns", campaigns, "balance", ledger.balance(agency.code()).balance());
        withForm(model, form);
        return PageView.of("raffles", model);
    }

    private PageView raffle(PageRequest request, UUID id, FormFields form) {
        AgencyProfile agency = programmes.agency(Callers.agency(request));
        Raffles.Raffle raffle = raffles.get(agency.code(), id); // 404 unless the caller's agency's
        String campaign = null;
        if (raffle.campaign() != null) {
            campaign = programmes.campaigns(agency.code()).stream().filter(c -> c.id().equals(raffle.campaign()))
                    .map(Programmes.Campaign::name).findFirst().orElse(null);
        }
        Map<String, Object> model = PageModel.of("agency", agency.name() == null ? agency.code() : agency.name(),
                "zone", agency.zone().getId(), "admin", Callers.admin(request), "raffle", raffleModel(raffle),
                "campaign", campaign, "entrants", raffle.entrants(), "winners", raffle.winners(),
                "publicPath", PublicRafflePage.INFO.path() + "/" + raffle.id());
        withForm(model, form);
        return PageView.of("raffle", model);
    }

    static Map<String, Object> raffleModel(Raffles.Raffle r) {
        return PageModel.of("id", r.id().toString(), "title", r.title(), "units", r.units(), "state", r.state(),
                "open", "OPEN".equals(r.state()), "commitment", r.commitment(), "seed", r.seed(), "entrantCount", r.entrantCount(),
                "createdAt", r.createdAt().toString(), "drawnAt", Callers.text(r.drawnAt()));
    }

    private static void withForm(Map<String, Object> model, FormFields form) {
        model.put("values", form == null ? Map.of() : form.values());
        model.put("errors", form == null ? Map.of() : form.messages());
        model.putIfAbsent("wrongLabels", List.of());
    }

    /** The labels that are no entrant labels, marking the field wrong if any are. */
    static List<String> unmatched(FormFields form, String field, List<String> labels) {
        List<String> wrong = labels.stream().filter(l -> !LABEL.matcher(l).matches()).toList();
        if (!wrong.isEmpty()) {
            form.fail(field, "incentives.form.pattern");
        }
        return wrong;
    }

    private static UUID raffleId(String text) {
        return PagePaths.uuid(text).orElseThrow(() -> new ProblemException(Programmes.NOT_FOUND, "No such raffle."));
    }
}
