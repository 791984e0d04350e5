package org.porchlight.api.requests;

import java.util.List;

/**
 * A policy's verdict on a draft.
 *
 * @param violations     the rules the draft breaks; any violation refuses it
 * @param approvalReason why a supervisor must approve it first, or {@code null} if no approval
 *                       is needed
 */
public record PolicyDecision(List<PolicyViolation> violations, String approvalReason) {

    public PolicyDecision {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static PolicyDecision allow() {
        return new PolicyDecision(List.of(), null);
    }

    public static PolicyDecision approvalRequired(String reason) {
        return new PolicyDecision(List.of(), reason);
    }

    public static PolicyDecision refuse(List<PolicyViolation> violations) {
        return new PolicyDecision(violations, null);
    }

    public boolean needsApproval() {
        return approvalReason != null;
    }
}
