package org.porchlight.requests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The limits that apply to one agency's requests: the platform's configuration, made stricter
 * where the agency's policy settings say so. A looser agency setting is ignored, so the platform
 * operator's limits are a ceiling no agency admin can lift.
 */
record AgencyRules(double minAreaSquareMiles, double maxAreaSquareMiles, Duration maxWindow, Duration maxFootageAge,
        int maxRequestsPerCase, Pattern caseNumberPattern, boolean approvalAlways, double approvalAboveSquareMiles,
        List<String> lawfulActivityTerms, Duration defaultExpiry, Duration maxExpiry, Duration maxPublicationDelay,
        Duration retention, Duration witnessLinkLifetime, int witnessMaxFiles, long witnessMaxFileBytes) {

    static AgencyRules of(RequestsConfiguration config, Map<String, Object> policy) {
        List<String> terms = new ArrayList<>();
        for (String term : config.lawfulActivityTerms()) {
            terms.add(term.toLowerCase(Locale.ROOT));
        }
        if (policy.get("lawfulActivityTerms") instanceof Collection<?> more) {
            more.forEach(t -> terms.add(String.valueOf(t).toLowerCase(Locale.ROOT)));
        }
        double approvalAbove = config.approvalAboveSquareMiles();
        double agencyApprovalAbove = number(policy, "approvalAboveSquareMiles", 0);
        if (agencyApprovalAbove > 0) {
            approvalAbove = approvalAbove > 0 ? Math.min(approvalAbove, agencyApprovalAbove) : agencyApprovalAbove;
        }
        return new AgencyRules(
                Math.max(config.minAreaSquareMiles(), number(policy, "minAreaSquareMiles", 0)),
                Math.min(config.maxAreaSquareMiles(), number(policy, "maxAreaSquareMiles", Double.MAX_VALUE)),
                Duration.ofHours((long) Math.min(config.maxWindowHours(), number(policy, "maxWindowHours", Double.MAX_VALUE))),
                Duration.ofDays((long) Math.min(config.maxFootageAgeDays(), number(policy, "maxFootageAgeDays", Double.MAX_VALUE))),
                (int) Math.min(config.maxRequestsPerCase(), number(policy, "maxRequestsPerCase", Double.MAX_VALUE)),
                pattern(policy.get("caseNumberPattern"), config.caseNumberPattern()),
                config.approvalAlways() || Boolean.TRUE.equals(policy.get("approvalAlways")),
                approvalAbove,
                List.copyOf(terms),
                Duration.ofDays((long) Math.min(config.defaultExpiryDays(), number(policy, "defaultExpiryDays", Double.MAX_VALUE))),
                Duration.ofDays((long) Math.min(config.maxExpiryDays(), number(policy, "maxExpiryDays", Double.MAX_VALUE))),
                Duration.ofDays((long) Math.min(config.maxPublicationDelayDays(),
                        number(policy, "maxPublicationDelayDays", Double.MAX_VALUE))),
                // Retention is the agency's schedule: shorter or longer than the platform's default.
                Duration.ofDays((long) number(policy, "requestRetentionDays", config.requestRetentionDays())),
                Duration.ofDays(config.witnessLinkDays()),
                config.witnessMaxFiles(),
                config.witnessMaxFileMegabytes() * 1024 * 1024);
    }

    private static double number(Map<String, Object> policy, String key, double fallback) {
        return policy.get(key) instanceof Number n && n.doubleValue() >= 0 ? n.doubleValue() : fallback;
    }

    /** The agency's case number format if it compiles; an admin's typo must not disable the check. */
    private static Pattern pattern(Object agencyPattern, String fallback) {
        if (agencyPattern instanceof String s && !s.isBlank()) {
            try {
                return Pattern.compile(s);
            } catch (PatternSyntaxException e) {
                // fall through to the platform's format
            }
        }
        return Pattern.compile(fallback);
    }
}
