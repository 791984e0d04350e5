package org.porchlight.incentives;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.AttributionRows;
import org.porchlight.incentives.store.CampaignRows;
import org.porchlight.incentives.store.CampaignRows.Counted;
import org.porchlight.incentives.store.ReferralCodeRows;
import org.porchlight.incentives.store.ReferralCodeRows.Found;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counting attributions: an attribution is {@code PENDING} until its resident's e-mail address is
 * verified, then {@code COUNTED}, once. Only counting advances the campaign's counts and asks its
 * rule for units, which are written to the ledger in the same transaction. Counting one resident
 * twice (the verification event and a check racing) counts once: the move from pending is a
 * conditional update under the code's row lock. A campaign's rule is the {@link IncentiveRule}
 * of its name that serves the campaign's agency (the platform's {@link PluginScope} says which; this
 * bundle's own rules serve all): one that does not serve it counts as a rule that is away.
 */
@Component(service = Attributions.class)
public class Attributions {

    /** Attribution states. */
    public static final String PENDING = "PENDING";
    public static final String COUNTED = "COUNTED";

    private static final Logger LOG = LoggerFactory.getLogger(Attributions.class);
    /** How long counting waits for its campaign's rule while a rule bundle is being swapped. */
    private static final Duration RULE_WAIT = Duration.ofSeconds(5);

    private final Database database;
    private final AttributionRows attributionRows = new AttributionRows();
    private final ReferralCodeRows codeRows = new ReferralCodeRows();
    private final CampaignRows campaignRows = new CampaignRows();
    private final Ledger ledger;
    private final ScopedServices<IncentiveRule> rules;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Attributions(@Reference Database database, @Reference Ledger ledger, BundleContext context) {
        this(database, ledger, context.getBundle().getBundleId());
    }

    /** @param ownBundle this bundle's id: its own rules serve every agency */
    Attributions(Database database, Ledger ledger, long ownBundle) {
        this.database = database;
        this.ledger = ledger;
        this.rules = new ScopedServices<>(ownBundle);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(IncentiveRule rule, Map<String, Object> properties) {
        if (properties.get(IncentiveRule.NAME) instanceof String) {
            rules.add(rule, properties);
        }
    }

    void removeRule(IncentiveRule rule) {
        rules.remove(rule);
    }

    /** Without a scope (the platform's plugins bundle away) only this bundle's own rules serve. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setScope(PluginScope scope) {
        rules.scope(scope);
    }

    /** A greedy reference binds the better scope before it unbinds the one it replaces. */
    void unsetScope(PluginScope gone) {
        rules.unscope(gone);
    }

    /**
     * The rule named {@code name} that serves the agency now; of two, the one registered later (an
     * updated plugin's new service). Empty if none does: its bundle is away, or not enabled for the agency.
     */
    Optional<IncentiveRule> rule(String name, String agency) {
        List<ScopedServices.Entry<IncentiveRule>> serving = rules.forAgency(agency);
        for (int i = serving.size() - 1; i >= 0; i--) {
            if (name.equals(serving.get(i).properties().get(IncentiveRule.NAME))) {
                return Optional.of(serving.get(i).service());
            }
        }
        return Optional.empty();
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
        Optional<String> code = attributionRows.pendingCode(c, resident);
        if (code.isEmpty()) {
            return false;
        }
        // The code's lock first, as attributing takes it: counts of one code and campaign go one at a time.
        Found locked = codeRows.lock(c, code.get()).orElseThrow();
        String agency = locked.agency();
        UUID campaign = locked.campaign();
        if (!attributionRows.count(c, resident, now)) {
            return false; // counted a moment ago by another call
        }
        campaignRows.unpend(c, campaign);
        credit(c, agency, campaign, now);
        return true;
    }

    /** Counts the attribution on its campaign and writes what the campaign's rule awards for it. */
    private void credit(Connection c, String agency, UUID campaign, Instant now) throws SQLException {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        Counted counted = campaignRows.count(c, campaign, year);
        String ruleName = counted.rule();
        // Rolls the attribution back; retried while the rule's bundle is swapped. A rule no longer enabled for
        // the agency is away the same way: the attribution stays pending until it serves the agency again.
        IncentiveRule rule = rule(ruleName, agency).orElseThrow(() -> new RuleMissing(ruleName));
        int units;
        try {
            units = rule.unitsFor(new IncentiveRule.Tally(agency, campaign, now, counted.attributionsYear(), counted.unitsYear(),
                    counted.attributionsTotal(), counted.unitsTotal()));
        } catch (RuntimeException e) {
            LOG.error("Incentive rule {} failed; the attribution is refused", ruleName, e);
            throw new ProblemException(Programmes.RULE_UNAVAILABLE, "The campaign's incentive rule failed; try again later.");
        }
        if (units > 0) {
            campaignRows.addUnits(c, campaign, year, units);
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

    /** The campaign's rule is not registered (its bundle is being swapped, or gone) or does not serve its agency. */
    private static final class RuleMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleMissing(String rule) {
            super(rule, null, false, false);
        }
    }
}
