package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.porchlight.api.problem.Problem;

/** Settings checked against the plugin's metatype, each error naming its field. */
class PluginSettingsTest {

    private static final Set<String> PLATFORM = Set.of("porchlight.agency", "porchlight.registry.source");
    private static final List<PluginAttribute> ATTRIBUTES = List.of(
            new PluginAttribute(FakeAttribute.text("url"), true),
            new PluginAttribute(FakeAttribute.text("porchlight.registry.source"), true),
            new PluginAttribute(FakeAttribute.number("interval", 1, 3600, "300"), true),
            new PluginAttribute(FakeAttribute.choice("mode", "strict", "lenient"), true),
            new PluginAttribute(FakeAttribute.flag("notify"), false));

    private final List<Problem.FieldError> errors = new ArrayList<>();

    @Test
    void goodSettingsAreKeptAsTheirTypes() {
        Map<String, Object> kept = PluginSettings.check(Map.of("url", "https://feed.example/x.csv", "interval", 60,
                "mode", "lenient", "notify", true), ATTRIBUTES, PLATFORM, errors);

        assertThat(errors).isEmpty();
        assertThat(kept).containsEntry("url", "https://feed.example/x.csv").containsEntry("interval", 60L)
                .containsEntry("mode", "lenient").containsEntry("notify", true);
        assertThat(PluginSettings.configurationValue(AttributeDefinition.INTEGER, kept.get("interval"))).isEqualTo(60);
    }

    @Test
    void eachWrongSettingIsNamed() {
        PluginSettings.check(Map.of("colour", "red", "interval", "often", "mode", "loose", "notify", "yes"), ATTRIBUTES, PLATFORM,
                errors);

        assertThat(errors).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("settings.colour",
                "settings.interval", "settings.mode", "settings.notify", "settings.url");
        assertThat(errors).filteredOn(e -> e.field().equals("settings.url")).extracting(Problem.FieldError::message)
                .containsExactly("is required");
        assertThat(errors).filteredOn(e -> e.field().equals("settings.mode")).extracting(Problem.FieldError::message)
                .containsExactly("must be one of strict, lenient");
    }

    @Test
    void theAttributesOwnValidationAndRangesApply() {
        PluginSettings.check(Map.of("url", "x", "interval", 0), ATTRIBUTES, PLATFORM, errors);
        assertThat(errors).containsExactly(new Problem.FieldError("settings.interval", "must be from 1 to 3600"));
    }

    @Test
    void aFractionIsNoWholeNumber() {
        PluginSettings.check(Map.of("url", "x", "interval", 1.5), ATTRIBUTES, PLATFORM, errors);
        assertThat(errors).containsExactly(new Problem.FieldError("settings.interval", "must be a whole number"));
    }

    @Test
    void anAgencyMayNotSetWhatThePlatformSets() {
        PluginSettings.check(Map.of("url", "x", "porchlight.registry.source", "other", "porchlight.agency", "JCSO"), ATTRIBUTES,
                PLATFORM, errors);
        assertThat(errors).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("settings.porchlight.registry.source", "settings.porchlight.agency");
    }
}
