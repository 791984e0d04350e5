package org.porchlight.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;

class EntryHashTest {

    private static final Instant AT = Instant.parse("2026-11-29T06:04:12.123456Z");

    private static AuditEntry entry(String actor, String tenant, String action, String target, String outcome, String requestId) {
        return new AuditEntry(7, AT, actor, tenant, action, target, outcome, requestId, "a".repeat(64), null);
    }

    private static final AuditEntry BASE = entry("account:3f2c0000-0000-0000-0000-000000000001", "KCPD",
            "POST /agencies/{agency}/staff", "agency=KCPD id=42", "201", "req-1");

    @Test
    void isSixtyFourLowerCaseHexDigitsAndIgnoresTheStoredHash() {
        String hash = EntryHash.of(BASE);
        assertThat(hash).matches("[0-9a-f]{64}");
        AuditEntry withHash = new AuditEntry(7, AT, BASE.actor(), BASE.tenant(), BASE.action(), BASE.target(),
                BASE.outcome(), BASE.requestId(), BASE.previousHash(), "anything");
        assertThat(EntryHash.of(withHash)).isEqualTo(hash);
    }

    @Test
    void isTheSameForTheSameFields() {
        AuditEntry copy = entry(BASE.actor(), BASE.tenant(), BASE.action(), BASE.target(), BASE.outcome(), BASE.requestId());
        assertThat(EntryHash.of(copy)).isEqualTo(EntryHash.of(BASE));
    }

    @Test
    void changesWhenAnyFieldChanges() {
        List<UnaryOperator<AuditEntry>> changes = List.of(
                e -> new AuditEntry(8, e.at(), e.actor(), e.tenant(), e.action(), e.target(), e.outcome(), e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at().plusNanos(1000), e.actor(), e.tenant(), e.action(), e.target(), e.outcome(), e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), "anonymous", e.tenant(), e.action(), e.target(), e.outcome(), e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), e.actor(), "KCSO", e.action(), e.target(), e.outcome(), e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), e.actor(), e.tenant(), "DELETE /x", e.target(), e.outcome(), e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), e.actor(), e.tenant(), e.action(), "agency=KCPD id=43", e.outcome(), e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), e.actor(), e.tenant(), e.action(), e.target(), "500", e.requestId(), e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), e.actor(), e.tenant(), e.action(), e.target(), e.outcome(), "req-2", e.previousHash(), null),
                e -> new AuditEntry(7, e.at(), e.actor(), e.tenant(), e.action(), e.target(), e.outcome(), e.requestId(), "b".repeat(64), null));
        Set<String> hashes = new HashSet<>(Set.of(EntryHash.of(BASE)));
        for (UnaryOperator<AuditEntry> change : changes) {
            assertThat(hashes.add(EntryHash.of(change.apply(BASE)))).as("a new hash after a change").isTrue();
        }
    }

    @Test
    void fieldBoundariesAreUnambiguous() {
        assertThat(EntryHash.of(entry("x", null, "ab", "c", "200", null)))
                .isNotEqualTo(EntryHash.of(entry("x", null, "a", "bc", "200", null)));
        assertThat(EntryHash.of(entry("x", "KC", "PD", "", "200", null)))
                .isNotEqualTo(EntryHash.of(entry("x", "KCPD", "", "", "200", null)));
        // a separator character inside a value cannot imitate a boundary either
        assertThat(EntryHash.of(entry("x", null, "a\u0000b", "", "200", null)))
                .isNotEqualTo(EntryHash.of(entry("x", null, "a", "\u0000b", "200", null)));
    }

    @Test
    void tellsAMissingValueFromAnEmptyOne() {
        assertThat(EntryHash.of(entry("x", null, "a", "", "200", null)))
                .isNotEqualTo(EntryHash.of(entry("x", "", "a", "", "200", null)));
        assertThat(EntryHash.of(entry("x", null, "a", "", "200", null)))
                .isNotEqualTo(EntryHash.of(entry("x", null, "a", "", "200", "")));
    }

    @Test
    void encodesLengthPrefixedUtf8FieldsInTheDocumentedOrder() {
        AuditEntry entry = new AuditEntry(1, Instant.parse("2026-01-02T03:04:05Z"), "anonymous", null, "GET /é", "",
                "200", null, EntryHash.GENESIS, null);
        ByteBuffer expected = ByteBuffer.allocate(512);
        for (String field : new String[] {"porchlight-audit-v1", EntryHash.GENESIS, "1", "2026-01-02T03:04:05Z",
                "anonymous", null, "GET /é", "", "200", null}) {
            if (field == null) {
                expected.putInt(-1);
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                expected.putInt(utf8.length).put(utf8);
            }
        }
        byte[] bytes = new byte[expected.position()];
        expected.flip().get(bytes);
        assertThat(EntryHash.canonical(entry)).isEqualTo(bytes);
    }

    @Test
    void hashesTheTimeToTheMicrosecond() {
        AuditEntry nanos = new AuditEntry(7, AT.plusNanos(999), BASE.actor(), BASE.tenant(), BASE.action(), BASE.target(),
                BASE.outcome(), BASE.requestId(), BASE.previousHash(), null);
        assertThat(EntryHash.of(nanos)).isEqualTo(EntryHash.of(BASE));
    }
}
