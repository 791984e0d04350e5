package org.porchlight.legal.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.porchlight.api.security.Caller;
import org.porchlight.legal.EmergencyRequest;
import org.porchlight.legal.LegalDemand;
import org.porchlight.legal.LegalDemandStatus;

/** Legal demands and emergency requests as template models: strings, booleans and lists; absent values left out. */
final class LegalModels {

    private LegalModels() {
    }

    static Map<String, Object> demand(LegalDemand d) {
        Map<String, Object> m = new HashMap<>();
        put(m, "id", d.id());
        put(m, "kind", d.kind());
        put(m, "status", d.status());
        put(m, "caseNumber", d.caseNumber());
        put(m, "documentReference", d.documentReference());
        put(m, "vendor", d.vendor());
        put(m, "scope", d.scope());
        put(m, "footageFrom", d.footageFrom());
        put(m, "footageTo", d.footageTo());
        put(m, "issuedOn", d.issuedOn());
        put(m, "servedOn", d.servedOn());
        put(m, "statusOn", d.statusOn());
        put(m, "createdAt", d.createdAt());
        put(m, "final", d.status().isFinal());
        List<String> next = new ArrayList<>();
        for (LegalDemandStatus status : LegalDemandStatus.values()) {
            if (d.nextStatuses() != null && d.nextStatuses().contains(status)) {
                next.add(status.name());
            }
        }
        m.put("nextStatuses", next);
        m.put("needsIssuedOn", d.status() == LegalDemandStatus.DRAFT && d.issuedOn() == null);
        List<Map<String, Object>> changes = new ArrayList<>();
        if (d.changes() != null) {
            for (LegalDemand.Change c : d.changes()) {
                Map<String, Object> change = new HashMap<>();
                put(change, "status", c.status());
                put(change, "on", c.on());
                put(change, "note", c.note());
                put(change, "at", c.at());
                changes.add(change);
            }
        }
        m.put("changes", changes);
        return m;
    }

    static Map<String, Object> emergency(EmergencyRequest e, Caller caller) {
        Map<String, Object> m = new HashMap<>();
        put(m, "id", e.id());
        put(m, "vendor", e.vendor());
        put(m, "caseNumber", e.caseNumber());
        put(m, "scope", e.scope());
        put(m, "justification", e.justification());
        put(m, "footageFrom", e.footageFrom());
        put(m, "footageTo", e.footageTo());
        put(m, "requestedAt", e.requestedAt());
        put(m, "recordedAt", e.recordedAt());
        put(m, "reviewDueAt", e.reviewDueAt());
        m.put("overdue", e.reviewOverdue());
        m.put("mine", caller.account().equals(e.requestedBy()));
        if (e.review() != null) {
            Map<String, Object> review = new HashMap<>();
            put(review, "verdict", e.review().verdict());
            put(review, "note", e.review().note());
            put(review, "reviewedAt", e.review().reviewedAt());
            review.put("late", e.review().late());
            review.put("byMe", caller.account().equals(e.review().reviewedBy()));
            m.put("review", review);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value instanceof Boolean b) {
            m.put(key, b);
        } else if (value != null) {
            m.put(key, value.toString());
        }
    }
}
