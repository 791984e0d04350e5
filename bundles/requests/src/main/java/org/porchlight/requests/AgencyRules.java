package org.porchlight.requests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.porchlight.text.WordList;

/**
 * The limits that apply to one agency's requests: the platform's configuration, made stricter
 * where the agency's policy settings say so. A looser agency setting is ignored, so the platform
 * operator's limits are a ceiling no agency admin can lift.
 */
record AgencyRules(double minAreaSquareMiles, double maxAreaSquareMiles, Duration maxWindow, Duration maxFootageAge,
        int maxRequestsPerCase, Pattern caseNumberPattern, boolean approvalAlways, double approvalAboveSquareMiles,
        WordList lawfulActivity, Duration defaultExpiry, Duration maxExpiry, Duration maxPublicationDelay,
        Duration retention, Duration witnessLinkLifetime, int witnessMaxFiles, long witnessMaxFileBytes) {

    static AgencyRules of(RequestsConfiguration config, Map<String, Object> policy) {
        List<String> terms = new ArrayList<>(List.of(config.lawfulActivityTerms()));
        if (policy.get("lawfulActivityTerms") instanceof Collection<?> more) {
            more.forEach(t -> terms.add(String.valueOf(t)));
        }
        double approvalAbove = config.approvalAboveSquareMiles();
        double agencyApprovalAbove = number(policy, "approvalAboveSquareMiles", 0);
        if (agencyApprovalAbove > 0) {
            approvalAbove = approvalAbove > 0 ? Math.min(approvalAbove, agencyApprovalAbove) : agencyApprovalAbove;
        }
        return new AgencyRules(
                Math.max(config.minAreaSquareMiles(), number(policy, "minAreaSquareMiles", 0)),
                atMost(config.maxAreaSquareMiles(), policy, "maxAreaSquareMiles"),
                Duration.ofHours((long) atMost(config.maxWindowHours(), policy, "maxWindowHours")),
                Duration.ofDays((long) atMost(config.maxFootageAgeDays(), policy, "maxFootageAgeDays")),
                (int) atMost(config.maxRequestsPerCase(), policy, "maxRequestsPerCase"),
                pattern(policy.get("caseNumberPattern"), config.caseNumberPattern()),
                config.approvalAlways() || Boolean.TRUE.equals(policy.get("approvalAlways")),
                approvalAbove,
                new WordList(terms),
                Duration.ofDays((long) atMost(config.defaultExpiryDays(), policy, "defaultExpiryDays")),
                Duration.ofDays((long) atMost(config.maxExpiryDays(), policy, "maxExpiryDays")),
                Duration.ofDays((long) atMost(config.maxPublicationDelayDays(), policy, "maxPublicationDelayDays")),
                // Retention is the agency's schedule: shorter or longer than the platform's default.
                Duration.ofDays((long) number(policy, "requestRetentionDays", config.requestRetentionDays())),
                Duration.ofDays(config.witnessLinkDays()),
                config.witnessMaxFiles(),
                config.witnessMaxFileMegabytes() * 1024 * 1024);
    }

    /** The platform's limit, or the agency's if it is stricter. */
    private static double atMost(double platform, Map<String, Object> policy, String key) {
        return Math.min(platform, number(policy, key, Double.MAX_VALUE));
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
