package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The density noise: the same figure for a cell all period, a fresh one the next, and a
 * distribution whose shape bounds what a planted-camera attacker learns. Statistical checks use a
 * fixed key and fixed cells, so they are deterministic; tolerances are several standard errors.
 */
class DensityNoiseTest {

    private static final byte[] KEY = "a fixed key for the tests, 32 b.".getBytes(StandardCharsets.US_ASCII);
    private static final int CELLS = 200_000;

    @Test
    void aCellHasOneDrawPerPeriodWhoeverAsksAndHoweverOften() {
        DensityNoise first = new DensityNoise(KEY, 1.0);
        DensityNoise second = new DensityNoise(KEY, 1.0);
        for (int i = 0; i < 1000; i++) {
            DensityGrid.Cell cell = new DensityGrid.Cell(51_000 + i, 104_000 - i);
            long draw = first.draw(2900, 250, cell);
            assertThat(first.draw(2900, 250, cell)).isEqualTo(draw);
            assertThat(second.draw(2900, 250, cell)).isEqualTo(draw);
        }
    }

    @Test
    void periodsGridsAndKeysGiveIndependentDraws() {
        DensityNoise noise = new DensityNoise(KEY, 1.0);
        DensityNoise otherKey = new DensityNoise("another key entirely, 32 bytes..".getBytes(StandardCharsets.US_ASCII), 1.0);
        int samePeriod = 0;
        int sameGrid = 0;
        int sameKey = 0;
        for (int i = 0; i < 10_000; i++) {
            DensityGrid.Cell cell = new DensityGrid.Cell(i, 7 * i);
            long draw = noise.draw(2900, 250, cell);
            samePeriod += draw == noise.draw(2901, 250, cell) ? 1 : 0;
            sameGrid += draw == noise.draw(2900, 500, cell) ? 1 : 0;
            sameKey += draw == otherKey.draw(2900, 250, cell) ? 1 : 0;
        }
        // Two independent draws agree with probability sum P(k)^2 = ((1 - a) / (1 + a))^2 (1 + a^2) / (1 - a^2):
        // 0.28 at epsilon 1.
        double a = Math.exp(-1);
        double agree = Math.pow((1 - a) / (1 + a), 2) * (1 + a * a) / (1 - a * a);
        for (int same : new int[] {samePeriod, sameGrid, sameKey}) {
            assertThat(same / 10_000.0).isBetween(agree - 0.03, agree + 0.03);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0})
    void drawsFollowTheTwoSidedGeometricDistributionOfEpsilon(double epsilon) {
        Map<Long, Integer> counts = histogram(epsilon);
        double a = Math.exp(-epsilon);
        for (long k = -4; k <= 4; k++) {
            double expected = (1 - a) / (1 + a) * Math.pow(a, Math.abs(k));
            double observed = counts.getOrDefault(k, 0) / (double) CELLS;
            assertThat(observed).as("P(noise = %d)", k).isCloseTo(expected, offset(0.005));
        }
        double mean = counts.entrySet().stream().mapToDouble(e -> e.getKey() * (double) e.getValue()).sum() / CELLS;
        assertThat(mean).as("unbiased").isCloseTo(0.0, offset(0.02));
    }

    /**
     * The attacker planted p owners in a cell and reads the figure. Whether a real owner is there
     * too changes the chance of any answer, in particular of "shown" (figure >= floor), by at most a
     * factor e^epsilon: the documented bound, here measured over 200,000 cells.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0})
    void aPlantedCameraAttackerLearnsNoMoreThanTheBoundWhetherARealCameraIsThere(double epsilon) {
        Map<Long, Integer> counts = histogram(epsilon);
        for (int planted = 0; planted <= 6; planted++) {
            for (int floor = 3; floor <= 8; floor++) {
                // P(planted + 1 + X >= floor) and P(planted + X >= floor)
                double withReal = atLeast(counts, floor - planted - 1);
                double plantedOnly = atLeast(counts, floor - planted);
                if (plantedOnly * CELLS < 200 || (1 - withReal) * CELLS < 200) {
                    continue; // too rare to measure here; the exact distribution is checked above
                }
                double ratio = withReal / plantedOnly;
                // Sampling tolerance: four standard errors of the rarer count.
                double tolerance = 4 * Math.sqrt(1 / (Math.min(plantedOnly, 1 - withReal) * CELLS));
                assertThat(ratio).as("planted %d, floor %d", planted, floor)
                        .isLessThanOrEqualTo(Math.exp(epsilon) * (1 + tolerance));
                double hiddenRatio = (1 - plantedOnly) / (1 - withReal);
                assertThat(hiddenRatio).isLessThanOrEqualTo(Math.exp(epsilon) * (1 + tolerance));
            }
        }
    }

    /**
     * Over cells of which half hold a real owner besides the planted ones, the best guess from the
     * exact figure (real iff figure > planted) is right at most e^epsilon / (1 + e^epsilon) of the
     * time: 73% at epsilon 1, where a floor without noise lets the attacker be right every time.
     */
    @Test
    void theAttackersBestGuessIsRightNoMoreOftenThanTheBoundAllows() {
        DensityNoise noise = new DensityNoise(KEY, 1.0);
        int planted = 4;
        int right = 0;
        for (int i = 0; i < CELLS; i++) {
            boolean real = i % 2 == 0;
            long figure = planted + (real ? 1 : 0) + noise.draw(2900, 250, new DensityGrid.Cell(i, 3L * i + 1));
            boolean guess = figure > planted;
            right += guess == real ? 1 : 0;
        }
        double bound = Math.exp(1.0) / (1 + Math.exp(1.0));
        assertThat(right / (double) CELLS).isLessThanOrEqualTo(bound + 0.005).isGreaterThan(0.5);
    }

    @Test
    void epsilonMustBePositive() {
        assertThatThrownBy(() -> new DensityNoise(KEY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DensityNoise(KEY, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<Long, Integer> histogram(double epsilon) {
        DensityNoise noise = new DensityNoise(KEY, epsilon);
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < CELLS; i++) {
            counts.merge(noise.draw(2900, 250, new DensityGrid.Cell(60_000 + i / 500, 150_000 + i % 500)), 1, Integer::sum);
        }
        return counts;
    }

    private static double atLeast(Map<Long, Integer> counts, long threshold) {
        return counts.entrySet().stream().filter(e -> e.getKey() >= threshold).mapToInt(Map.Entry::getValue).sum()
                / (double) CELLS;
    }
}
