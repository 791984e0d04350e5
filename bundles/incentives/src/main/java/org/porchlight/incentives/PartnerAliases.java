package org.porchlight.incentives;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.PartnerAliasRows;

/**
 * The other names a campaign's partner goes by ("Acme" for "Acme Doorbells Inc."), registered by the agency admin so that
 * the disclosure check (press) finds a text that names the partner however it is called.
 */
@Component(service = PartnerAliases.class)
public class PartnerAliases {

    /** Aliases per campaign, at most. */
    public static final int MAX_ALIASES = 20;
    /** Characters of one alias, at most. */
    public static final int MAX_LENGTH = 100;
    /** Letters and digits an alias needs at least: shorter ones ("A", "GE") are ordinary words too often. */
    public static final int MIN_LETTERS = 3;

    private final Database database;
    private final Programmes programmes;
    private final PartnerAliasRows rows = new PartnerAliasRows();

    @Activate
    public PartnerAliases(@Reference Database database, @Reference Programmes programmes) {
        this.database = database;
        this.programmes = programmes;
    }

    public List<String> aliases(String agencyCode, UUID campaignId) {
        Programmes.Campaign campaign = programmes.campaign(agencyCode, campaignId);
        return database.withConnection(c -> rows.aliases(c, campaign.id()));
    }

    /** Replaces the campaign's aliases (an empty list removes them all); the aliases as stored. */
    public List<String> replace(String agencyCode, UUID campaignId, List<String> aliases) {
        List<String> valid = validated(aliases);
        Programmes.Campaign campaign = programmes.campaign(agencyCode, campaignId);
        database.inTransaction(c -> {
            rows.replace(c, campaign.id(), valid);
            return null;
        });
        return aliases(agencyCode, campaignId);
    }

    /**
     * The aliases stripped, or a 400 problem naming each that is wrong: more than {@value #MAX_ALIASES}, longer than
     * {@value #MAX_LENGTH} characters, fewer than {@value #MIN_LETTERS} letters or digits, a control or format character,
     * or the same alias twice (ignoring case and compatibility forms).
     */
    public static List<String> validated(List<String> aliases) {
        if (aliases == null) {
            return List.of();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (aliases.size() > MAX_ALIASES) {
            errors.add(new Problem.FieldError("partnerAliases", "at most " + MAX_ALIASES + " aliases"));
        }
        List<String> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < aliases.size(); i++) {
            String field = "partnerAliases[" + i + "]";
            String alias = aliases.get(i) == null ? "" : aliases.get(i).strip();
            String wrong = invalidity(alias);
            if (wrong != null) {
                errors.add(new Problem.FieldError(field, wrong));
            } else if (!seen.add(Normalizer.normalize(alias, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))) {
                errors.add(new Problem.FieldError(field, "is listed twice"));
            } else {
                valid.add(alias);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, errors.size() + " field(s) invalid.")
                    .withErrors(errors));
        }
        return List.copyOf(valid);
    }

    private static String invalidity(String alias) {
        if (alias.length() > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " characters";
        }
        if (alias.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
            return "must not contain control or invisible format characters";
        }
        if (alias.codePoints().filter(Character::isLetterOrDigit).count() < MIN_LETTERS) {
            return "must have at least " + MIN_LETTERS + " letters or digits";
        }
        return null;
    }
}
