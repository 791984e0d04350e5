package org.porchlight.press;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.api.problem.ProblemException;

/** The checks every draft passes before approval, whatever else is installed. */
public final class BuiltInChecks {

    private BuiltInChecks() {
    }

    /** Every declared placeholder has a value that is not blank. */
    public static TemplateCheck placeholdersFilled(List<Placeholder> declared) {
        return draft -> {
            List<String> failures = new ArrayList<>();
            for (Placeholder p : declared) {
                String value = draft.values().get(p.name());
                if (value == null || value.isBlank()) {
                    failures.add("Placeholder '" + p.name() + "' is not filled.");
                }
            }
            return new TemplateCheck.Result(failures);
        };
    }

    /** The text fits the kind's limit, and a social post its network's. */
    public static TemplateCheck lengthLimit(Map<String, Integer> networkLimits, int pressReleaseLimit, int communityNoticeLimit) {
        return draft -> {
            Integer limit = switch (draft.kind()) {
                case PRESS_RELEASE -> pressReleaseLimit;
                case COMMUNITY_NOTICE -> communityNoticeLimit;
                case SOCIAL_POST -> draft.network() == null ? null : networkLimits.get(draft.network());
            };
            if (limit == null) {
                return TemplateCheck.Result.fail("No length limit is configured for the network '" + draft.network() + "'.");
            }
            int length = draft.text().codePointCount(0, draft.text().length());
            return length <= limit ? TemplateCheck.Result.pass()
                    : TemplateCheck.Result.fail("The text has " + length + " characters; a " + describe(draft.kind(), draft.network())
                            + " may have at most " + limit + ".");
        };
    }

    private static String describe(ReleaseKind kind, String network) {
        return kind == ReleaseKind.SOCIAL_POST ? "post on " + network : kind.name().toLowerCase().replace('_', ' ');
    }

    /**
     * A text that needs the partnership disclosure ({@link DisclosureRules}: a partner's name or alias, a referral code,
     * a campaign's words, a vendor author) carries the block exactly as generated from the agency's figures. Without the
     * figures (the incentives service is not running) it fails: a disclosure that cannot be checked is not given.
     *
     * @param vendor the granted name of a vendor that wrote any version of the text, or {@code null}
     */
    public static TemplateCheck partnershipDisclosure(Supplier<List<IncentiveFigures.Programme>> programmes,
            Supplier<IncentiveFigures.DisclosureTerms> terms, String vendor, String agencyName) {
        return draft -> {
            List<IncentiveFigures.Programme> known = programmes.get();
            IncentiveFigures.DisclosureTerms names = known == null ? null : terms.get();
            if (known == null || names == null) {
                return TemplateCheck.Result.fail("The incentive figures are not available, so the partnership disclosure "
                        + "cannot be checked; try again later.");
            }
            var reason = new DisclosureRules(names).required(draft.text(), vendor);
            if (reason.isEmpty()) {
                return TemplateCheck.Result.pass();
            }
            String block = PartnershipDisclosure.block(agencyName, known);
            return draft.text().contains(block) ? TemplateCheck.Result.pass()
                    : TemplateCheck.Result.fail("The text needs the partnership disclosure (rule: " + reason.get().describe()
                            + ") but does not carry the disclosure block; put ${disclosure} in the body.");
        };
    }

    /** Names of the built-in checks, as the release log shows them. */
    public static final String PLACEHOLDERS = "placeholders-filled";
    public static final String LENGTH = "length-limit";
    public static final String DISCLOSURE = "partnership-disclosure";

    /** Runs the checks; if any fails, a 422 problem naming each check and its failures. */
    public static void requirePassed(Map<String, TemplateCheck> checks, TemplateCheck.Draft draft) {
        Map<String, List<String>> failures = run(checks, draft);
        if (!failures.isEmpty()) {
            StringBuilder detail = new StringBuilder("The draft fails ").append(failures.size()).append(" check(s):");
            failures.forEach((name, messages) -> messages.forEach(m -> detail.append(' ').append(name).append(": ").append(m)));
            throw new ProblemException(PressProblems.CHECKS_FAILED, detail.toString());
        }
    }

    /** Runs checks by name; the failures of each, by name (empty: all passed). */
    public static Map<String, List<String>> run(Map<String, TemplateCheck> checks, TemplateCheck.Draft draft) {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            TemplateCheck.Result result;
            try {
                result = check.check(draft);
            } catch (RuntimeException e) {
                result = TemplateCheck.Result.fail("The check failed to run.");
            }
            if (!result.passed()) {
                failures.put(name, result.failures());
            }
        });
        return failures;
    }
}
