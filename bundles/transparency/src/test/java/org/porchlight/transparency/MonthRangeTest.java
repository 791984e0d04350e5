package org.porchlight.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;

class MonthRangeTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void byDefaultThe12MonthsEndingWithTheCurrentOne() {
        MonthRange range = MonthRange.of(null, null, NOW, 12, 36);
        assertThat(range).isEqualTo(new MonthRange(YearMonth.of(2025, 12), NOW));
        assertThat(range.months()).hasSize(12).startsWith(YearMonth.of(2025, 12)).endsWith(NOW);
    }

    @Test
    void eitherEndMayBeGiven() {
        assertThat(MonthRange.of("2026-01", null, NOW, 12, 36)).isEqualTo(new MonthRange(YearMonth.of(2026, 1), NOW));
        assertThat(MonthRange.of(null, "2024-06", NOW, 12, 36)).isEqualTo(new MonthRange(YearMonth.of(2023, 7), YearMonth.of(2024, 6)));
        assertThat(MonthRange.of("2026-11", "2026-11", NOW, 12, 36).months()).containsExactly(NOW);
    }

    @Test
    void atMost36MonthsInOrderAndWellFormed() {
        assertThat(MonthRange.of("2023-12", "2026-11", NOW, 12, 36).months()).hasSize(36);
        assertInvalid("2023-11", "2026-11", "from");
        assertInvalid("2026-11", "2026-10", "from");
        assertInvalid("2026-13", null, "from");
        assertInvalid(null, "2026-1", "to");
        assertInvalid("last year", null, "from");
    }

    private static void assertInvalid(String from, String to, String field) {
        assertThatThrownBy(() -> MonthRange.of(from, to, NOW, 12, 36)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly(field);
        });
    }
}
