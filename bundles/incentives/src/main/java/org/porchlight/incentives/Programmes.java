package org.porchlight.incentives;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.porchlight.incentives.store.PartnerAliasRows;
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
    public static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;

    private static final Logger LOG = LoggerFactory.getLogger(Programmes.class);

    private final Database database;
    private final Agencies agencies;
    private final Accounts accounts;
    private final Attributions attributions;
    private final PartnerAliasRows aliasRows = new PartnerAliasRows();
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

    /** A new campaign with its partner's aliases (see {@link PartnerAliases#validated}), in one transaction. */
    public Campaign createCampaign(String agencyCode, String name, String partner, List<String> partnerAliases, String rule, UUID by) {
        List<String> aliases = PartnerAliases.validated(partnerAliases);
        String agency = agency(agencyCode).code();
        String ruleName = rule == null ? PerSignupsRule.NAME : rule;
        Campaign campaign = new Campaign(UUID.randomUUID(), agency, name, partner, ruleName, 0, 0, 0, clock.instant());
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO incentives.campaign (id, agency_code, name, partner, rule, "
                    + "created_by, created_at) VALUES (?,?,?,?,?,?,?)")) {
                s.setObject(1, campaign.id());
                s.setString(2, agency);
                s.setString(3, name);
                s.setString(4, partner);
                s.setString(5, ruleName);
                s.setObject(6, by);
                s.setTimestamp(7, Timestamp.from(campaign.createdAt()));
                s.executeUpdate();
            }
            aliasRows.replace(c, campaign.id(), aliases);
            return null;
        });
        return campaign;
    }

    public List<Campaign> campaigns(String agencyCode) {
        String agency = agency(agencyCode).code();
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, agency_code, name, partner, rule, attributions, pending, "
                    + "units, created_at FROM incentives.campaign WHERE agency_code = ? ORDER BY created_at")) {
                s.setString(1, agency);
                List<Campaign> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Campaign(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getTimestamp(9).toInstant()));
                    }
                }
                return found;
            }
        });
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
            boolean created = database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO incentives.referral_code (code, campaign_id, agency_code, label, "
                        + "starts_at, ends_at, cap, created_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                    s.setString(1, code);
                    s.setObject(2, campaign.id());
                    s.setString(3, campaign.agency());
                    s.setString(4, label);
                    s.setTimestamp(5, Timestamp.from(startsAt));
                    s.setTimestamp(6, Timestamp.from(endsAt));
                    s.setObject(7, cap);
                    s.setTimestamp(8, Timestamp.from(clock.instant()));
                    return s.executeUpdate() == 1;
                }
            });
            if (created) {
                return new Code(code, ReferralCodes.display(code), campaign.id(), label, startsAt, endsAt, cap, 0);
            }
        }
        throw new IllegalStateException("five random referral codes in a row were taken");
    }

    public List<Code> codes(String agencyCode, UUID campaignId) {
        Campaign campaign = campaign(agencyCode, campaignId);
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT code, campaign_id, label, starts_at, ends_at, cap, used FROM "
                    + "incentives.referral_code WHERE campaign_id = ? ORDER BY created_at")) {
                s.setObject(1, campaign.id());
                List<Code> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String code = rs.getString(1);
                        found.add(new Code(code, ReferralCodes.display(code), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), (Integer) rs.getObject(6), rs.getInt(7)));
                    }
                }
                return found;
            }
        });
    }

    /** Attributions per day, campaign and code between two days (inclusive) in the agency's time zone. */
    public List<DailyCount> daily(String agencyCode, LocalDate from, LocalDate to) {
        AgencyProfile agency = agency(agencyCode);
        ZoneId zone = agency.zone();
        Map<String, DailyCount> counts = new TreeMap<>();
        database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT attributed_at, campaign_id, code, state "
                    + "FROM incentives.attribution "
                    + "WHERE agency_code = ? AND attributed_at >= ? AND attributed_at < ?")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, Timestamp.from(from.atStartOfDay(zone).toInstant()));
                s.setTimestamp(3, Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), zone);
                        UUID campaign = rs.getObject(2, UUID.class);
                        String code = rs.getString(3);
                        int counted = Attributions.COUNTED.equals(rs.getString(4)) ? 1 : 0;
                        DailyCount one = new DailyCount(day, campaign, code, 1, counted, 1 - counted);
                        counts.merge(day + "|" + campaign + "|" + code, one,
                                (a, b) -> new DailyCount(a.day(), a.campaign(), a.code(), a.attributions() + 1,
                                        a.counted() + b.counted(), a.pending() + b.pending()));
                    }
                }
            }
            return null;
        });
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
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT r.agency_code, p.partner, r.starts_at, r.ends_at, r.cap, r.used FROM "
                    + "incentives.referral_code r JOIN incentives.campaign p ON p.id = r.campaign_id WHERE r.code = ?")) {
                s.setString(1, code);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new ProblemException(UNKNOWN_CODE, "There is no such referral code; check it and try again.");
                    }
                    usable(rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), (Integer) rs.getObject(5), rs.getInt(6), now);
                    AgencyProfile agency = agency(rs.getString(1));
                    return new CodeCheck(ReferralCodes.display(code), agency.code(), agency.name(), rs.getString(2),
                            rs.getTimestamp(4).toInstant());
                }
            }
        });
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
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT agency_code, campaign_id, code, attributed_at, state, "
                    + "counted_at FROM incentives.attribution WHERE account_id = ?")) {
                s.setObject(1, resident);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Held>empty();
                    }
                    Timestamp counted = rs.getTimestamp(6);
                    return Optional.of(new Held(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), counted == null ? null : counted.toInstant()));
                }
            }
        });
    }

    /** The agency's attributions by state, over all its campaigns. */
    public States states(String agencyCode) {
        String agency = agency(agencyCode).code();
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(pending), 0), COALESCE(SUM(attributions), 0) "
                    + "FROM incentives.campaign WHERE agency_code = ?")) {
                s.setString(1, agency);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new States(rs.getLong(1), rs.getLong(2));
                }
            }
        });
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
        UUID campaign;
        String agency;
        try (PreparedStatement s = c.prepareStatement("SELECT campaign_id, agency_code, starts_at, ends_at, cap, used FROM "
                + "incentives.referral_code WHERE code = ? FOR UPDATE")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(UNKNOWN_CODE, "There is no such referral code; check it and try again.");
                }
                campaign = rs.getObject(1, UUID.class);
                agency = rs.getString(2);
                usable(rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), (Integer) rs.getObject(5), rs.getInt(6), now);
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM incentives.attribution WHERE account_id = ?")) {
            s.setObject(1, resident);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw new ProblemException(ALREADY, "Your sign-up is already attributed to a referral code.");
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incentives.attribution (account_id, code, campaign_id, agency_code, "
                + "attributed_at, at_sign_up, state) VALUES (?,?,?,?,?,?,'PENDING')")) {
            s.setObject(1, resident);
            s.setString(2, code);
            s.setObject(3, campaign);
            s.setString(4, agency);
            s.setTimestamp(5, Timestamp.from(now));
            s.setBoolean(6, atSignUp);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE incentives.referral_code SET used = used + 1 WHERE code = ?")) {
            s.setString(1, code);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE incentives.campaign SET pending = pending + 1 WHERE id = ?")) {
            s.setObject(1, campaign);
            s.executeUpdate();
        }
        return new Attribution(agency, campaign, code, now);
    }

    public AgencyProfile agency(String code) {
        return agencies.find(code).orElseThrow(() -> new ProblemException(NOT_FOUND, "No such agency."));
    }
}
