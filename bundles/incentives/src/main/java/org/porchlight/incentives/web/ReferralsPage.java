package org.porchlight.incentives.web;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.incentives.IncentivesConfiguration;
import org.porchlight.incentives.Programmes;
import org.porchlight.incentives.ReferralCodes;

/**
 * A resident's referral: the code their sign-up is attributed to, whose programme it is and whether it counts yet
 * ({@code GET /api/me/referral}); without one, the form to enter a code within the grace period
 * ({@code POST /api/me/referral}).
 */
@Component(service = Page.class, configurationPid = IncentivesConfiguration.PID)
public class ReferralsPage implements Page {

    static final PageInfo INFO = new PageInfo("/referrals", "incentives.referrals.title", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 40);

    private final Programmes programmes;
    private final Accounts accounts;
    private final int graceDays;

    @Activate
    public ReferralsPage(@Reference Programmes programmes, @Reference Accounts accounts, IncentivesConfiguration config) {
        this.programmes = programmes;
        this.accounts = accounts;
        this.graceDays = config.gracePeriodDays();
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw new ProblemException(Programmes.NOT_FOUND, "No such page.");
        }
        return page(request, null);
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw new ProblemException(Programmes.NOT_FOUND, "No such form.");
        }
        UUID resident = Callers.caller(request).account();
        FormFields form = new FormFields(request, "incentives.form.");
        String code = form.text("code", true, 32);
        if (form.valid()) {
            Accounts.Account account = accounts.find(resident)
                    .orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE, "Your account cannot be read right now."));
            try {
                programmes.attribute(resident, account.createdAt(), code);
                return Optional.of(PageView.redirect(INFO.path()));
            } catch (ProblemException e) {
                if (e.problem().status() >= 500) {
                    throw e;
                }
                form.refused("code", e);
            }
        }
        return Optional.of(page(request, form).withStatus(422));
    }

    private PageView page(PageRequest request, FormFields form) {
        Optional<Programmes.Held> held = programmes.attributionOf(Callers.caller(request).account());
        Map<String, Object> model = PageModel.of("graceDays", graceDays,
                "values", form == null ? Map.of() : form.values(), "errors", form == null ? Map.of() : form.messages());
        held.ifPresent(h -> {
            AgencyProfile agency = programmes.agency(h.agency());
            String partner = programmes.campaigns(agency.code()).stream().filter(c -> c.id().equals(h.campaign()))
                    .map(Programmes.Campaign::partner).findFirst().orElse(null);
            model.put("referral", PageModel.of("code", ReferralCodes.display(h.code()),
                    "agency", agency.name() == null ? agency.code() : agency.name(), "partner", partner, "state", h.state(),
                    "counted", "COUNTED".equals(h.state()), "at", h.at().toString(), "countedAt", Callers.text(h.countedAt()),
                    "zone", agency.zone().getId()));
        });
        return PageView.of("referrals", model);
    }
}
