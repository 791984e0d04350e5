package org.porchlight.requests.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.NoAreaJson;
import org.porchlight.requests.RequestState;

/** What the store tests share: a codec that stores no area, and a draft to save. */
final class StoreFixtures {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    /** Areas are the codec's business, not the store's. */
    static final JsonCodec JSON = new NoAreaJson();

    private StoreFixtures() {
    }

    static FootageRequest draft(String agency, String caseNumber, UUID createdBy) {
        return new FootageRequest(UUID.randomUUID(), agency, caseNumber, IncidentType.BURGLARY, null,
                NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(3)), null, 0.1, "Any footage helps.",
                NOW.plus(Duration.ofDays(7)), RequestState.DRAFT, createdBy, NOW, NOW, null, null, null, null, null, null, null,
                null, null);
    }
}
