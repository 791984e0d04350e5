package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Hold and release decisions for a module whose configuration changed; times are given, not waited for. */
class ReconfigurationSettleTest {

    private static final long QUIET = ReconfigurationSettle.QUIET_NANOS;

    @Test
    void componentsWithModifiedKeepTheirResourcesAndAreReleasedAfterTheQuietTime() {
        ReconfigurationSettle settle = new ReconfigurationSettle(Set.of(1L, 2L), 0, () -> true);
        assertThat(settle.settled(Set.of(1L, 2L), Set.of(1L, 2L), QUIET - 1)).isFalse();
        assertThat(settle.settled(Set.of(1L, 2L), Set.of(1L, 2L), QUIET)).isTrue();
    }

    @Test
    void recreatedResourcesAreHeldUntilTheRuntimeServesThemAndTheyStaySo() {
        ReconfigurationSettle settle = new ReconfigurationSettle(Set.of(1L, 2L), 0, () -> true);
        assertThat(settle.settled(Set.of(2L), Set.of(1L, 2L), 10)).as("one was unregistered").isFalse();
        assertThat(settle.settled(Set.of(2L, 3L), Set.of(2L), 20)).as("its new one is not served yet").isFalse();
        assertThat(settle.settled(Set.of(3L), Set.of(2L, 3L), 30)).as("the second goes too").isFalse();
        assertThat(settle.settled(Set.of(3L, 4L), Set.of(3L), 40 + QUIET)).as("new set, not quiet").isFalse();
        assertThat(settle.settled(Set.of(3L, 4L), Set.of(3L), 40 + 2 * QUIET)).as("quiet but not served").isFalse();
        assertThat(settle.settled(Set.of(3L, 4L), Set.of(3L, 4L), 40 + 2 * QUIET)).isTrue();
    }

    @Test
    void resourcesGoneForGoodAreReleasedOnceQuiet() {
        ReconfigurationSettle settle = new ReconfigurationSettle(Set.of(1L), 0, () -> true);
        assertThat(settle.settled(Set.of(), Set.of(1L), 50)).isFalse();
        assertThat(settle.settled(Set.of(), Set.of(), 50 + QUIET)).isTrue();
    }

    @Test
    void aFurtherChangeWhileSettlingIsWaitedForToo() {
        ReconfigurationSettle settle = new ReconfigurationSettle(Set.of(1L), 0, () -> true);
        settle.changedAgain(QUIET - 1, () -> true);
        assertThat(settle.settled(Set.of(1L), Set.of(1L), QUIET)).isFalse();
        assertThat(settle.settled(Set.of(1L), Set.of(1L), 2 * QUIET - 1)).isTrue();
    }

    @Test
    void nothingIsReleasedBeforeScrHasAppliedEveryChangeHoweverQuietItIs() {
        boolean[] first = {false};
        boolean[] second = {false};
        ReconfigurationSettle settle = new ReconfigurationSettle(Set.of(1L), 0, () -> first[0]);
        assertThat(settle.settled(Set.of(1L), Set.of(1L), 10 * QUIET)).as("SCR has not applied it, however long").isFalse();
        settle.changedAgain(10 * QUIET, () -> second[0]);
        first[0] = true;
        assertThat(settle.settled(Set.of(1L), Set.of(1L), 20 * QUIET)).as("the second change is not applied yet").isFalse();
        second[0] = true;
        assertThat(settle.settled(Set.of(2L), Set.of(1L, 2L), 30 * QUIET)).as("re-created as SCR applied it").isFalse();
        assertThat(settle.settled(Set.of(2L), Set.of(1L, 2L), 31 * QUIET)).isTrue();
    }
}
