package org.porchlight.incentives.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.incentives.Ledger;
import org.porchlight.incentives.PartnerAliases;
import org.porchlight.incentives.Programmes;

/**
 * The agency's incentive programmes: its campaigns with their counts, each campaign's referral codes and partner
 * aliases, and the ledger with its adjustments. Thin, as {@code IncentiveResource}: the same workflow calls.
 */
@Component(service = Page.class)
public class IncentivesPage implements Page {

    static final PageInfo INFO = new PageInfo("/incentives", "incentives.title", Callers.READERS, PageInfo.GROUP_WORK, 60);
    private static final Pattern CAMPAIGN = Pattern.compile("campaigns/([0-9a-fA-F-]{36})(/codes|/aliases)?");
    private static final int LEDGER_ENTRIES = 100;

    private final Programmes programmes;
    private final Ledger ledger;
    private final PartnerAliases aliases;

    @Activate
    public IncentivesPage(@Reference Programmes programmes, @Reference Ledger ledger, @Reference PartnerAliases aliases) {
        this.programmes = programmes;
        this.ledger = ledger;
        this.aliases = aliases;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return overview(request, null, null);
        }
        Matcher m = CAMPAIGN.matcher(sub);
        if (m.matches() && m.group(2) == null) {
            return campaign(request, campaignId(m.group(1)), null, null);
        }
        throw new ProblemException(Programmes.NOT_FOUND, "No such page.");
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Callers.requireAdmin(request);
        String sub = request.subPath();
        if ("campaigns".equals(sub)) {
            return Optional.of(createCampaign(request));
        }
        if ("ledger".equals(sub)) {
            return Optional.of(adjust(request));
        }
        Matcher m = CAMPAIGN.matcher(sub);
        if (m.matches() && "/codes".equals(m.group(2))) {
            return Optional.of(createCode(request, campaignId(m.group(1))));
        }
        if (m.matches() && "/aliases".equals(m.group(2))) {
            return Optional.of(replaceAliases(request, campaignId(m.group(1))));
        }
        throw new ProblemException(Programmes.NOT_FOUND, "No such form.");
    }

    private PageView createCampaign(PageRequest request) {
        FormFields form = new FormFields(request, "incentives.form.");
        String name = form.text("name", true, 200);
        String partner = form.text("partner", true, 200);
        List<String> partnerAliases = form.lines("partnerAliases", PartnerAliases.MAX_ALIASES);
        if (form.valid()) {
            try {
                programmes.createCampaign(Callers.agency(request), name, partner, partnerAliases, null,
                        Callers.caller(request).account());
                return PageView.redirect(INFO.path());
            } catch (ProblemException e) {
                if (e.problem().status() >= 500) {
                    throw e;
                }
                form.refused("partnerAliases", e);
            }
        }
        return overview(request, "campaign", form).withStatus(422);
    }

    private PageView adjust(PageRequest request) {
        FormFields form = new FormFields(request, "incentives.form.");
        Integer units = form.number("units", true, -100000, 100000);
        if (units != null && units == 0) {
            form.fail("units", "incentives.form.notZero");
        }
        String reason = form.text("reason", true, 500);
        if (form.valid()) {
            try {
                String agency = programmes.agency(Callers.agency(request)).code();
                ledger.adjust(agency, units, reason, Callers.caller(request).account());
                return PageView.redirect(INFO.path());
            } catch (ProblemException e) {
                if (e.problem().status() >= 500) {
                    throw e;
                }
                form.refused("units", e);
            }
        }
        return overview(request, "adjustment", form).withStatus(422);
    }

    private PageView createCode(PageRequest request, UUID campaign) {
        FormFields form = new FormFields(request, "incentives.form.");
        ZoneId zone = programmes.agency(Callers.agency(request)).zone();
        String label = form.text("label", false, 200);
        LocalDate starts = form.date("startsOn", true);
        LocalDate ends = form.date("endsOn", true);
        Integer cap = form.number("cap", false, 1, Integer.MAX_VALUE);
        if (starts != null && ends != null && ends.isBefore(starts)) {
            form.fail("endsOn", "incentives.form.endsBeforeStart");
        }
        if (form.valid()) {
            try {
                programmes.createCode(Callers.agency(request), campaign, label, FormFields.startOf(starts, zone),
                        FormFields.endOf(ends, zone), cap);
                return PageView.redirect(INFO.path() + "/campaigns/" + campaign);
            } catch (ProblemException e) {
                if (e.problem().status() >= 500 || e.problem().status() == 404) {
                    throw e;
                }
                form.refused("label", e);
            }
        }
        return campaign(request, campaign, "code", form).withStatus(422);
    }

    private PageView replaceAliases(PageRequest request, UUID campaign) {
        FormFields form = new FormFields(request, "incentives.form.");
        List<String> replacement = form.lines("aliases", PartnerAliases.MAX_ALIASES);
        if (form.valid()) {
            try {
                aliases.replace(Callers.agency(request), campaign, replacement);
                return PageView.redirect(INFO.path() + "/campaigns/" + campaign);
            } catch (ProblemException e) {
                if (e.problem().status() >= 500 || e.problem().status() == 404) {
                    throw e;
                }
                form.refused("aliases", e);
            }
        }
        return campaign(request, campaign, "aliases", form).withStatus(422);
    }

    private PageView overview(PageRequest request, String formName, FormFields form) {
        AgencyProfile agency = programmes.agency(Callers.agency(request));
        List<Programmes.Campaign> campaigns = programmes.campaigns(agency.code());
        Map<UUID, String> names = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Programmes.Campaign c : campaigns) {
            names.put(c.id(), c.name());
            rows.add(campaignModel(c));
        }
        Ledger.Statement statement = ledger.statement(agency.code(), LEDGER_ENTRIES);
        Ledger.Balance balance = statement.balance();
        Programmes.States states = statement.attributions();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Ledger.Entry e : statement.entries()) {
            entries.add(PageModel.of("kind", e.kind().name(), "units", e.units(), "campaign", e.campaign() == null ? null
                    : names.getOrDefault(e.campaign(), e.campaign().toString()), "rule", e.rule(), "reason", e.reason(),
                    "raffle", Callers.text(e.raffle()), "at", e.at().toString()));
        }
        Map<String, Object> model = PageModel.of("agency", agency.name() == null ? agency.code() : agency.name(),
                "zone", agency.zone().getId(), "admin", Callers.admin(request), "campaigns", rows,
                "ledger", PageModel.of("balance", balance.balance(), "earned", balance.earned(), "redeemed", balance.redeemed(),
                        "adjusted", balance.adjusted(), "pending", states.pending(), "counted", states.counted()),
                "entries", entries);
        withForm(model, formName, form);
        return PageView.of("incentives", model);
    }

    private PageView campaign(PageRequest request, UUID id, String formName, FormFields form) {
        AgencyProfile agency = programmes.agency(Callers.agency(request));
        Programmes.Campaign campaign = programmes.campaign(agency.code(), id); // 404 unless the caller's agency's
        List<Map<String, Object>> codes = new ArrayList<>();
        for (Programmes.Code c : programmes.codes(agency.code(), id)) {
            codes.add(PageModel.of("display", c.display(), "label", c.label(), "startsAt", c.startsAt().toString(),
                    "endsAt", c.endsAt().toString(), "cap", c.cap(), "used", c.used()));
        }
        List<String> partnerAliases = aliases.aliases(agency.code(), id);
        LocalDate today = LocalDate.now(agency.zone());
        Map<String, Object> model = PageModel.of("agency", agency.name() == null ? agency.code() : agency.name(),
                "zone", agency.zone().getId(), "admin", Callers.admin(request), "campaign", campaignModel(campaign),
                "codes", codes, "aliases", partnerAliases, "aliasesText", String.join("\n", partnerAliases),
                "today", today.toString(), "nextYear", today.plusYears(1).toString());
        withForm(model, formName, form);
        return PageView.of("incentives-campaign", model);
    }

    private static void withForm(Map<String, Object> model, String formName, FormFields form) {
        model.put("form", formName == null ? "" : formName);
        model.put("values", form == null ? Map.of() : form.values());
        model.put("errors", form == null ? Map.of() : form.messages());
    }

    private static Map<String, Object> campaignModel(Programmes.Campaign c) {
        return PageModel.of("id", c.id().toString(), "name", c.name(), "partner", c.partner(), "rule", c.rule(),
                "counted", c.attributions(), "pending", c.pending(), "units", c.units(), "createdAt", c.createdAt().toString());
    }

    private static UUID campaignId(String text) {
        return PagePaths.uuid(text).orElseThrow(() -> new ProblemException(Programmes.NOT_FOUND, "No such campaign."));
    }
}
