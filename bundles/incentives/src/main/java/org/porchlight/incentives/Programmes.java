package org.porchlight.incentives;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.incentives.Referrals;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.incentives.store.AttributionRows;
import org.porchlight.incentives.store.CampaignRows;
import org.porchlight.incentives.store.PartnerAliasRows;
import org.porchlight.incentives.store.ReferralCodeRows;
import org.porchlight.incentives.store.ReferralCodeRows.Found;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns, their referral codes, and attribution: each resident to at most one code, once. An
 * attribution is recorded {@code PENDING}; {@link Attributions} counts it (and asks the rule for
 * units) once the resident's e-mail address is verified. Attributions to one code (and one
 * campaign) are serialised by row locks, so caps and counts are exact however many sign-ups
 * arrive at once. A code's cap counts pending attributions too.
 */
@Component(service = {Programmes.class, Referrals.class}, configurationPid = IncentivesConfiguration.PID)
@Designate(ocd = IncentivesConfiguration.class)
public class Programmes implements Referrals {

    static final ProblemType UNKNOWN_CODE = ProblemType.named("unknown-referral-code", "Unknown referral code", 404);
    static final ProblemType NOT_YET_VALID = ProblemType.named("referral-code-not-yet-valid", "Referral code not yet valid", 409);
    static final ProblemType EXPIRED = ProblemType.named("referral-code-expired", "Referral code expired", 410);
    static final ProblemType USED_UP = ProblemType.named("referral-code-used-up", "Referral code used up", 409);
    static final ProblemType ALREADY = ProblemType.named("already-attributed", "Already attributed to a referral code", 409);
    static final ProblemType GRACE_OVER = ProblemType.named("referral-grace-period-over", "Too late for a referral code", 422);
    static final ProblemType RULE_UNAVAILABLE = ProblemType.named("incentive-rule-unavailable", "Incentive rule unavailable", 503);
    static final ProblemType UNKNOWN_RULE = ProblemType.named("unknown-incentive-rule", "Unknown incentive rule", 422);
    public static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;

    private static final Logger LOG = LoggerFactory.getLogger(Programmes.class);

    private final Database database;
    private final Agencies agencies;
    private final Accounts accounts;
    private final Attributions attributions;
    private final PartnerAliasRows aliasRows = new PartnerAliasRows();
    private final CampaignRows campaignRows = new CampaignRows();
    private final ReferralCodeRows codeRows = new ReferralCodeRows();
    private final AttributionRows attributionRows = new AttributionRows();
    private final Clock clock = Clock.systemUTC();
    private volatile IncentivesConfiguration config;

    @Activate
    public Programmes(@Reference Database database, @Reference Agencies agencies,
            @Reference Accounts accounts, @Reference Attributions attributions, IncentivesConfiguration config) {
        this.database = database;
        this.agencies = agencies;
        this.accounts = accounts;
        this.attributions = attributions;
        this.config = config;
    }

    @Modified
    void modified(IncentivesConfiguration changed) {
        this.config = changed;
    }

    /** A campaign with its running totals: {@code attributions} counted (verified), {@code pending} not yet. */
    public record Campaign(UUID id, String agency, String name, String partner, String rule, long attributions, long pending,
            long units, Instant createdAt) {
    }

    /** A referral code with how often it was used. */
    public record Code(String code, String display, UUID campaign, String label, Instant startsAt, Instant endsAt, Integer cap,
            int used) {
    }

    /** Attributions of one code on one day (the agency's time zone), and how many of them are counted and pending now. */
    public record DailyCount(LocalDate day, UUID campaign, String code, long attributions, long counted, long pending) {
    }

    /** An agency's attributions by state: pending (address not verified) and counted. */
    public record States(long pending, long counted) {
    }

    /**
     * A new campaign with its partner's aliases (see {@link PartnerAliases#validated}), in one transaction. Its
     * rule must serve the agency now (a plugin's rule: the agency enabled the plugin), else 422 {@code unknown-incentive-rule}.
     */
    public Campaign createCampaign(String agencyCode, String name, String partner, List<String> partnerAliases, String rule, UUID by) {
        List<String> aliases = PartnerAliases.validated(partnerAliases);
        String agency = agency(agencyCode).code();
        String ruleName = rule == null ? PerSignupsRule.NAME : rule;
        if (attributions.rule(ruleName, agency).isEmpty()) {
            throw new ProblemException(UNKNOWN_RULE, "No incentive rule named '" + ruleName + "' is available to the agency; "
                    + "a plugin's rule is available once the agency enables the plugin.");
        }
        Campaign campaign = new Campaign(UUID.randomUUID(), agency, name, partner, ruleName, 0, 0, 0, clock.instant());
        database.inTransaction(c -> {
            campaignRows.insert(c, campaign, by);
            aliasRows.replace(c, campaign.id(), aliases);
            return null;
        });
        return campaign;
    }

    public List<Campaign> campaigns(String agencyCode) {
        String agency = agency(agencyCode).code();
        return database.withConnection(c -> campaignRows.list(c, agency));
    }

    public Campaign campaign(String agencyCode, UUID id) {
        return campaigns(agencyCode).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such campaign."));
    }

    /** A new code for the campaign; codes are random, so a clash with an existing one is drawn again. */
    public Code createCode(String agencyCode, UUID campaignId, String label, Instant startsAt, Instant endsAt, Integer cap) {
        Campaign campaign = campaign(agencyCode, campaignId);
        for (int attempt = 0; attempt < 5; attempt++) {
            String code = ReferralCodes.generate(Math.max(8, Math.min(16, config.codeLength())));
            boolean created = database.inTransaction(c -> codeRows.insert(c, code, campaign.id(), campaign.agency(), label,
                    startsAt, endsAt, cap, clock.instant()));
            if (created) {
                return new Code(code, ReferralCodes.display(code), campaign.id(), label, startsAt, endsAt, cap, 0);
            }
        }
        throw new IllegalStateException("five random referral codes in a row were taken");
    }

    public List<Code> codes(String agencyCode, UUID campaignId) {
        Campaign campaign = campaign(agencyCode, campaignId);
        return database.withConnection(c -> codeRows.list(c, campaign.id())).stream()
                .map(r -> new Code(r.code(), ReferralCodes.display(r.code()), r.campaign(), r.label(), r.startsAt(), r.endsAt(),
                        r.cap(), r.used()))
                .toList();
    }

    /** Attributions per day, campaign and code between two days (inclusive) in the agency's time zone. */
    public List<DailyCount> daily(String agencyCode, LocalDate from, LocalDate to) {
        AgencyProfile agency = agency(agencyCode);
        ZoneId zone = agency.zone();
        Map<String, DailyCount> counts = new TreeMap<>();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        for (AttributionRows.Made made : database.withConnection(c -> attributionRows.made(c, agency.code(), start, end))) {
            LocalDate day = LocalDate.ofInstant(made.at(), zone);
            int counted = Attributions.COUNTED.equals(made.state()) ? 1 : 0;
            DailyCount one = new DailyCount(day, made.campaign(), made.code(), 1, counted, 1 - counted);
            counts.merge(day + "|" + made.campaign() + "|" + made.code(), one,
                    (a, b) -> new DailyCount(a.day(), a.campaign(), a.code(), a.attributions() + 1,
                            a.counted() + b.counted(), a.pending() + b.pending()));
        }
        return List.copyOf(counts.values());
    }

    /** The code if it could be used now; otherwise the same problems {@link #attribute} would give. */
    @Override
    public CodeCheck check(String input) {
        String code = ReferralCodes.normalize(input);
        if (code == null) {
            throw new ProblemException(UNKNOWN_CODE, "There is no such referral code; check it and try again.");
        }
        Instant now = clock.instant();
        Found found = database.withConnection(c -> codeRows.find(c, code))
                .orElseThrow(() -> new ProblemException(UNKNOWN_CODE, "There is no such referral code; check it and try again."));
        usable(found.startsAt(), found.endsAt(), found.cap(), found.used(), now);
        AgencyProfile agency = agency(found.agency());
        return new CodeCheck(ReferralCodes.display(code), agency.code(), agency.name(), found.partner(), found.endsAt());
    }

    /** A resident's attribution with its state: {@code PENDING} until their address is verified, then {@code COUNTED}. */
    public record Held(String agency, UUID campaign, String code, Instant at, String state, Instant countedAt) {
    }

    /**
     * The resident's attribution, if any. A pending one whose resident is verified by now (the
     * event was missed while this bundle was away) is counted on the way.
     */
    public Optional<Held> attributionOf(UUID resident) {
        Optional<Held> held = held(resident);
        if (held.isPresent() && Attributions.PENDING.equals(held.get().state()) && countIfVerified(resident)) {
            return held(resident);
        }
        return held;
    }

    /**
     * Counts the resident's pending attribution if their address is verified. The attribution is
     * written by then: a rule that is away or fails leaves it pending (the next look counts it)
     * rather than failing a call whose change has happened.
     */
    private boolean countIfVerified(UUID resident) {
        try {
            return accounts.emailVerified(resident) && attributions.count(resident);
        } catch (RuntimeException e) {
            LOG.warn("A verified sign-up's attribution could not be counted now and stays pending: {}", e.getMessage());
            return false;
        }
    }

    private Optional<Held> held(UUID resident) {
        return database.withConnection(c -> attributionRows.held(c, resident));
    }

    private static void usable(Instant startsAt, Instant endsAt, Integer cap, int used, Instant now) {
        if (now.isBefore(startsAt)) {
            throw new ProblemException(NOT_YET_VALID, "This referral code is valid from " + startsAt + ".");
        }
        if (!now.isBefore(endsAt)) {
            throw new ProblemException(EXPIRED, "This referral code expired on " + endsAt + ".");
        }
        if (cap != null && used >= cap) {
            throw new ProblemException(USED_UP, "This referral code has been used as often as it may be.");
        }
    }

    @Override
    public Attribution attribute(UUID resident, Instant signedUpAt, String input) {
        String code = ReferralCodes.normalize(input);
        if (code == null) {
            throw new ProblemException(UNKNOWN_CODE, "There is no such referral code; check it and try again.");
        }
        Instant now = clock.instant();
        Duration grace = Duration.ofDays(Math.max(0, config.gracePeriodDays()));
        if (signedUpAt.plus(grace).isBefore(now)) {
            throw new ProblemException(GRACE_OVER, "A referral code can be entered within " + grace.toDays() + " days of signing up.");
        }
        // With the sign-up itself (the identity bundle calls at once), or entered later.
        boolean atSignUp = Duration.between(signedUpAt, now).compareTo(Duration.ofMinutes(1)) < 0;
        Attribution attribution = database.inTransaction(c -> attribute(c, resident, code, atSignUp, now));
        // Pending until the address is verified. Verified already (a code entered later), or verified
        // while this was being written (its event then found nothing pending): counted here.
        countIfVerified(resident);
        return attribution;
    }

    private Attribution attribute(Connection c, UUID resident, String code, boolean atSignUp, Instant now) throws SQLException {
        Found found = codeRows.lock(c, code)
                .orElseThrow(() -> new ProblemException(UNKNOWN_CODE, "There is no such referral code; check it and try again."));
        usable(found.startsAt(), found.endsAt(), found.cap(), found.used(), now);
        if (attributionRows.exists(c, resident)) {
            throw new ProblemException(ALREADY, "Your sign-up is already attributed to a referral code.");
        }
        attributionRows.insert(c, resident, code, found.campaign(), found.agency(), now, atSignUp);
        codeRows.use(c, code);
        campaignRows.addPending(c, found.campaign());
        UUID campaign = found.campaign();
        String agency = found.agency();
        return new Attribution(agency, campaign, code, now);
    }

    public AgencyProfile agency(String code) {
        return agencies.find(code).orElseThrow(() -> new ProblemException(NOT_FOUND, "No such agency."));
    }
}
