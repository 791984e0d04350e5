package org.porchlight.requests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyContext;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.text.WordList;

/**
 * The policy every request passes, with the agency's limits: a bounded area inside the
 * jurisdiction, a short window in the recent past, a case number in the agency's format, few
 * requests per case, and offences only.
 */
final class DefaultPolicy {

    private DefaultPolicy() {
    }

    static PolicyDecision evaluate(RequestDraft draft, PolicyContext context, AgencyRules rules) {
        List<PolicyViolation> violations = new ArrayList<>();
        if (!rules.caseNumberPattern().matcher(draft.caseNumber()).matches()) {
            violations.add(new PolicyViolation("case-number-format", "caseNumber",
                    "the case number does not have the agency's format " + rules.caseNumberPattern().pattern()));
        }
        double squareMiles = context.areaSquareMiles();
        if (squareMiles < rules.minAreaSquareMiles()) {
            violations.add(new PolicyViolation("min-area", "area", String.format(Locale.ROOT,
                    "the area is %.3f square miles; at least %.3f", squareMiles, rules.minAreaSquareMiles())));
        }
        if (squareMiles > rules.maxAreaSquareMiles()) {
            violations.add(new PolicyViolation("max-area", "area", String.format(Locale.ROOT,
                    "the area is %.3f square miles; at most %.3f", squareMiles, rules.maxAreaSquareMiles())));
        }
        if (!context.withinJurisdiction()) {
            violations.add(new PolicyViolation("jurisdiction", "area", "the area is not entirely inside the agency's jurisdiction"));
        }
        window(draft, context, rules, violations);
        if (context.otherRequestsForCase() >= rules.maxRequestsPerCase()) {
            violations.add(new PolicyViolation("max-requests-per-case", "caseNumber",
                    "the case already has " + context.otherRequestsForCase() + " requests; at most " + rules.maxRequestsPerCase()));
        }
        if (draft.incidentType() == IncidentType.OTHER_OFFENCE && (draft.incidentDetail() == null || draft.incidentDetail().isBlank())) {
            violations.add(new PolicyViolation("incident-detail", "incidentDetail", "an OTHER_OFFENCE needs a description of the offence"));
        }
        lawfulActivity("incidentDetail", draft.incidentDetail(), rules, violations);
        lawfulActivity("message", draft.message(), rules, violations);
        Duration open = Duration.between(context.now(), draft.expiresAt());
        if (open.isNegative() || open.isZero() || open.compareTo(rules.maxExpiry()) > 0) {
            violations.add(new PolicyViolation("expiry", "expiresAt",
                    "a request expires in the future and at most " + rules.maxExpiry().toDays() + " days from now"));
        }
        if (!violations.isEmpty()) {
            return PolicyDecision.refuse(violations);
        }
        if (rules.approvalAlways()) {
            return PolicyDecision.approvalRequired("the agency's policy requires a supervisor's approval for every request");
        }
        if (rules.approvalAboveSquareMiles() > 0 && squareMiles > rules.approvalAboveSquareMiles()) {
            return PolicyDecision.approvalRequired(String.format(Locale.ROOT,
                    "the area is %.3f square miles; above %.3f a supervisor approves", squareMiles, rules.approvalAboveSquareMiles()));
        }
        return PolicyDecision.allow();
    }

    private static void window(RequestDraft draft, PolicyContext context, AgencyRules rules, List<PolicyViolation> violations) {
        if (!draft.windowEnd().isAfter(draft.windowStart())) {
            violations.add(new PolicyViolation("window-order", "windowEnd", "the window ends after it starts"));
            return;
        }
        Duration window = Duration.between(draft.windowStart(), draft.windowEnd());
        if (window.compareTo(rules.maxWindow()) > 0) {
            violations.add(new PolicyViolation("max-window", "windowEnd", "the window is " + hours(window)
                    + " hours long; at most " + hours(rules.maxWindow())));
        }
        if (draft.windowEnd().isAfter(context.now())) {
            violations.add(new PolicyViolation("window-in-past", "windowEnd", "the window must have ended: footage of the future cannot be requested"));
        }
        if (draft.windowStart().isBefore(context.now().minus(rules.maxFootageAge()))) {
            violations.add(new PolicyViolation("max-footage-age", "windowStart",
                    "the window starts more than " + rules.maxFootageAge().toDays() + " days ago"));
        }
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMinutes() / 60.0);
    }

    private static void lawfulActivity(String field, String text, AgencyRules rules, List<PolicyViolation> violations) {
        if (text == null) {
            return;
        }
        // Compared after folding, whatever the spelling; see WordList for what counts as using a word.
        rules.lawfulActivity().find(text).ifPresent(word -> violations.add(new PolicyViolation("lawful-activity", field,
                "requests are for offences only; the text mentions lawful activity (\"" + word + "\")")));
    }
}
