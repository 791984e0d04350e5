package org.porchlight.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PageModelTest {

    @Test
    void aModelKeepsItsOrderAndLeavesOutOrEmptiesWhatIsMissing() {
        assertThat(PageModel.of("name", "Doorbells", "partner", null, "count", 3)).containsExactly(Map.entry("name", "Doorbells"),
                Map.entry("count", 3));
        assertThat(PageModel.orEmpty("name", "Doorbells", "partner", null, "count", 3)).containsExactly(
                Map.entry("name", "Doorbells"), Map.entry("partner", ""), Map.entry("count", 3));
        Map<String, Object> model = PageModel.of();
        model.put("added", true);
        assertThat(model).containsOnlyKeys("added");
    }

    @Test
    void namesAndValuesComeInPairsAndNamesAreText() {
        assertThatThrownBy(() -> PageModel.of("name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageModel.orEmpty("name", 1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageModel.of(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
