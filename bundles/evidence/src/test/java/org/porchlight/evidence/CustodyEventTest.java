package org.porchlight.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.evidence.CustodyEvent.Kind;

class CustodyEventTest {

    private final UUID item = UUID.randomUUID();

    @Test
    void aChainRecomputesUntilAnyFieldOfAnyEventChanges() {
        List<CustodyEvent> chain = chain();
        assertThat(CustodyEvent.intact(item, chain)).isTrue();
        assertThat(CustodyEvent.intact(UUID.randomUUID(), chain)).as("another item's chain").isFalse();

        List<CustodyEvent> edited = new ArrayList<>(chain);
        CustodyEvent e = edited.get(1);
        edited.set(1, new CustodyEvent(e.sequence(), e.at(), e.kind(), "account:someone-else", e.detail(), e.requestId(), e.previousHash(),
                e.hash()));
        assertThat(CustodyEvent.intact(item, edited)).isFalse();

        List<CustodyEvent> dropped = new ArrayList<>(chain);
        dropped.remove(1);
        assertThat(CustodyEvent.intact(item, dropped)).isFalse();
    }

    @Test
    void fieldBoundariesAreUnambiguous() {
        Instant at = Instant.parse("2026-11-29T06:04:12.123456789Z");
        String a = CustodyEvent.hash(item, CustodyEvent.GENESIS, 1, at, Kind.ACCESSED, "ab", "c", null);
        String b = CustodyEvent.hash(item, CustodyEvent.GENESIS, 1, at, Kind.ACCESSED, "a", "bc", null);
        String c = CustodyEvent.hash(item, CustodyEvent.GENESIS, 1, at, Kind.ACCESSED, "ab", "c", "");
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c).hasSize(64);
        assertThat(CustodyEvent.hash(item, CustodyEvent.GENESIS, 1, Instant.parse("2026-11-29T06:04:12.123456Z"), Kind.ACCESSED, "ab", "c",
                null)).as("time counts to the microsecond").isEqualTo(a);
    }

    private List<CustodyEvent> chain() {
        List<CustodyEvent> events = new ArrayList<>();
        String previous = CustodyEvent.GENESIS;
        Kind[] kinds = {Kind.RECEIVED, Kind.ACCESSED, Kind.EXPORTED};
        for (int i = 0; i < kinds.length; i++) {
            Instant at = Instant.parse("2026-11-29T06:00:00Z").plusSeconds(i);
            String hash = CustodyEvent.hash(item, previous, i + 1, at, kinds[i], "account:" + i, "detail " + i, "req-" + i);
            events.add(new CustodyEvent(i + 1, at, kinds[i], "account:" + i, "detail " + i, "req-" + i, previous, hash));
            previous = hash;
        }
        return events;
    }
}
