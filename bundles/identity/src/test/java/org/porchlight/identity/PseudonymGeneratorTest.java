package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.PseudonymService.Pseudonym;

class PseudonymGeneratorTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final PseudonymGenerator generator = new PseudonymGenerator(KEY);
    private final UUID resident = UUID.fromString("6b1f3c8e-2d4a-4f5b-9c7d-1e2f3a4b5c6d");

    @Test
    void stablePerAgencyAndCaseInsensitiveInTheCode() {
        assertThat(generator.pseudonym(resident, "KCPD")).isEqualTo(new PseudonymGenerator(KEY).pseudonym(resident, "kcpd"));
    }

    @Test
    void differentAtEachAgencyAndUnderEachKey() {
        Pseudonym kcpd = generator.pseudonym(resident, "KCPD");
        assertThat(generator.pseudonym(resident, "JCSO")).isNotEqualTo(kcpd);
        assertThat(generator.platformPseudonym(resident)).isNotEqualTo(kcpd);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(new PseudonymGenerator(otherKey).pseudonym(resident, "KCPD")).isNotEqualTo(kcpd);
    }

    @Test
    void twelveDigitLabelsThatRarelyCollide() {
        Set<Long> numbers = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            Pseudonym p = generator.pseudonym(UUID.randomUUID(), "KCPD");
            assertThat(p.label()).matches("Neighbor \\d{4}-\\d{4}-\\d{4}");
            numbers.add(p.number());
        }
        assertThat(numbers).hasSizeGreaterThan(19_990);
    }
}
