package org.porchlight.incentives;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counting attributions: an attribution is {@code PENDING} until its resident's e-mail address is
 * verified, then {@code COUNTED}, once. Only counting advances the campaign's counts and asks its
 * rule for units, which are written to the ledger in the same transaction. Counting one resident
 * twice (the verification event and a check racing) counts once: the move from pending is a
 * conditional update under the code's row lock.
 */
@Component(service = Attributions.class)
public class Attributions {

    /** Attribution states. */
    public static final String PENDING = "PENDING";
    public static final String COUNTED = "COUNTED";

    private static final Logger LOG = LoggerFactory.getLogger(Attributions.class);
    /** How long counting waits for its campaign's rule while a rule bundle is being swapped. */
    private static final Duration RULE_WAIT = Duration.ofSeconds(5);

    private static final String PENDING_CODE = "SELECT code FROM incentives.attribution "
            + "WHERE account_id = ? AND state = 'PENDING'";
    private static final String LOCK_CODE = "SELECT agency_code, campaign_id FROM incentives.referral_code "
            + "WHERE code = ? FOR UPDATE";
    private static final String MOVE = "UPDATE incentives.attribution SET state = 'COUNTED', counted_at = ? "
            + "WHERE account_id = ? AND state = 'PENDING'";
    private static final String UNPEND = "UPDATE incentives.campaign SET pending = pending - 1 WHERE id = ?";

    private final Database database;
    private final Ledger ledger;
    private final Map<String, IncentiveRule> rules = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Attributions(@Reference Database database, @Reference Ledger ledger) {
        this.database = database;
        this.ledger = ledger;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(IncentiveRule rule, Map<String, Object> properties) {
        if (properties.get(IncentiveRule.NAME) instanceof String name) {
            rules.put(name, rule);
        }
    }

    void removeRule(IncentiveRule rule, Map<String, Object> properties) {
        if (properties.get(IncentiveRule.NAME) instanceof String name) {
            rules.remove(name, rule);
        }
    }

    /**
     * Counts the resident's pending attribution, if there is one: their address is verified. Returns
     * whether this call counted it (false: none, or counted already). While the campaign's rule is
     * missing it waits up to 5 s, then gives up with 503 {@code incentive-rule-unavailable} and the
     * attribution stays pending.
     */
    public boolean count(UUID resident) {
        return count(resident, RULE_WAIT);
    }

    /** As {@link #count(UUID)}, waiting at most {@code ruleWait} for a missing rule. */
    boolean count(UUID resident, Duration ruleWait) {
        long deadline = System.nanoTime() + ruleWait.toNanos();
        while (true) {
            try {
                return database.inTransaction(c -> count(c, resident, clock.instant()));
            } catch (RuleMissing missing) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Incentive rule {} is not available; an attribution stays pending", missing.getMessage());
                    throw new ProblemException(Programmes.RULE_UNAVAILABLE, "The campaign's incentive rule is not available "
                            + "right now; try again shortly.");
                }
                pause();
            }
        }
    }

    private boolean count(Connection c, UUID resident, Instant now) throws SQLException {
        String code;
        try (PreparedStatement s = c.prepareStatement(PENDING_CODE)) {
            s.setObject(1, resident);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                code = rs.getString(1);
            }
        }
        String agency;
        UUID campaign;
        // The code's lock first, as attributing takes it: counts of one code and campaign go one at a time.
        try (PreparedStatement s = c.prepareStatement(LOCK_CODE)) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                agency = rs.getString(1);
                campaign = rs.getObject(2, UUID.class);
            }
        }
        try (PreparedStatement move = c.prepareStatement(MOVE); PreparedStatement unpend = c.prepareStatement(UNPEND)) {
            move.setTimestamp(1, Timestamp.from(now));
            move.setObject(2, resident);
            if (move.executeUpdate() == 0) {
                return false; // counted a moment ago by another call
            }
            unpend.setObject(1, campaign);
            unpend.executeUpdate();
        }
        credit(c, agency, campaign, now);
        return true;
    }

    /** Counts the attribution on its campaign and writes what the campaign's rule awards for it. */
    private void credit(Connection c, String agency, UUID campaign, Instant now) throws SQLException {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        String ruleName;
        long attributionsTotal;
        long unitsTotal;
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE incentives.campaign SET attributions = attributions + 1 WHERE id = ?")) {
            s.setObject(1, campaign);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT rule, attributions, units FROM incentives.campaign WHERE id = ?")) {
            s.setObject(1, campaign);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                ruleName = rs.getString(1);
                attributionsTotal = rs.getLong(2);
                unitsTotal = rs.getLong(3);
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incentives.campaign_year (campaign_id, calendar_year, "
                + "attributions, units) "
                + "VALUES (?, ?, 0, 0) ON CONFLICT DO NOTHING")) {
            s.setObject(1, campaign);
            s.setInt(2, year);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE incentives.campaign_year SET attributions = attributions + 1 "
                        + "WHERE campaign_id = ? AND calendar_year = ?")) {
            s.setObject(1, campaign);
            s.setInt(2, year);
            s.executeUpdate();
        }
        long attributionsYear;
        long unitsYear;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT attributions, units FROM incentives.campaign_year WHERE campaign_id = ? AND calendar_year = ?")) {
            s.setObject(1, campaign);
            s.setInt(2, year);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                attributionsYear = rs.getLong(1);
                unitsYear = rs.getLong(2);
            }
        }
        IncentiveRule rule = rules.get(ruleName);
        if (rule == null) {
            throw new RuleMissing(ruleName); // rolls the attribution back; retried while the rule's bundle is swapped
        }
        int units;
        try {
            units = rule.unitsFor(new IncentiveRule.Tally(agency, campaign, now, attributionsYear, unitsYear, attributionsTotal,
                    unitsTotal));
        } catch (RuntimeException e) {
            LOG.error("Incentive rule {} failed; the attribution is refused", ruleName, e);
            throw new ProblemException(Programmes.RULE_UNAVAILABLE, "The campaign's incentive rule failed; try again later.");
        }
        if (units > 0) {
            try (PreparedStatement s = c.prepareStatement("UPDATE incentives.campaign SET units = units + ? WHERE id = ?")) {
                s.setInt(1, units);
                s.setObject(2, campaign);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE incentives.campaign_year SET units = units + ? WHERE campaign_id = ? AND calendar_year = ?")) {
                s.setInt(1, units);
                s.setObject(2, campaign);
                s.setInt(3, year);
                s.executeUpdate();
            }
            ledger.earn(c, agency, units, campaign, ruleName, now);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(Programmes.RULE_UNAVAILABLE, "Interrupted while waiting for the incentive rule.");
        }
    }

    /** The campaign's rule is not registered (its bundle is being swapped, or gone). */
    private static final class RuleMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleMissing(String rule) {
            super(rule, null, false, false);
        }
    }
}
