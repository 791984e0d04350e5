package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A preview fills what the author left out with a sample of the right type, and keeps what the author gave. */
class PreviewSamplesTest {

    @Test
    void missingOrBlankValuesGetSamplesOfTheirTypeAndPorchlightsOwnAreLeftToPorchlight() {
        List<Placeholder> declared = List.of(new Placeholder("quote", PlaceholderType.TEXT, null),
                new Placeholder("day", PlaceholderType.DATE, null), new Placeholder("count", PlaceholderType.NUMBER, null),
                new Placeholder("agency", PlaceholderType.AGENCY_NAME, null), new Placeholder("kept", PlaceholderType.TEXT, null));
        Map<String, String> values = PreviewSamples.fill(declared, Map.of("count", " ", "kept", "Mine"), LocalDate.of(2026, 12, 6));
        assertThat(values).containsEntry("quote", "[quote]").containsEntry("day", "2026-12-06")
                .containsEntry("count", PreviewSamples.NUMBER).containsEntry("kept", "Mine").doesNotContainKey("agency");
    }

    @Test
    void aMistypedValueIsKeptSoThatThePreviewNamesIt() {
        Map<String, String> values = PreviewSamples.fill(List.of(new Placeholder("count", PlaceholderType.NUMBER, null)),
                Map.of("count", "many"), LocalDate.of(2026, 12, 6));
        assertThat(values).containsEntry("count", "many");
    }
}
