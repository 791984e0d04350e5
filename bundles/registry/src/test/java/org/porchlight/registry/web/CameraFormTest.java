package org.porchlight.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.registry.RegistryPortal.CameraInput;

/** The portal's camera form: the API's limits, field by field, and the registry's refusals as messages. */
class CameraFormTest {

    private static CameraForm posted(Map<String, String> fields) {
        return CameraForm.read(name -> Optional.ofNullable(fields.get(name)));
    }

    private static Map<String, String> good() {
        Map<String, String> fields = new HashMap<>(Map.of("latitude", " 39.0997 ", "longitude", "-94.5786",
                "address", "1 Main St", "kind", "wall", "cameraCount", "2", "bearing", "", "viewAngle", "90",
                "retentionDays", "30", "recording", "true"));
        return fields;
    }

    @Test
    void aFilledFormGivesTheInputWithUncheckedBoxesFalse() {
        CameraInput input = posted(good()).input().orElseThrow();
        assertThat(input.location()).isEqualTo(new GeoPoint(39.0997, -94.5786));
        assertThat(input.kind()).isEqualTo(CameraKind.WALL);
        assertThat(input.cameraCount()).isEqualTo(2);
        assertThat(input.bearing()).isNull();
        assertThat(input.viewAngle()).isEqualTo(90);
        assertThat(input.recording()).isTrue();
        assertThat(input.contactOk()).isFalse();
        assertThat(input.exactLocationOk()).isFalse();
        assertThat(input.paused()).isFalse();
    }

    @Test
    void eachWrongFieldIsNamedWithItsMessageAndWhatWasTypedIsKept() {
        Map<String, String> fields = good();
        fields.putAll(Map.of("latitude", "91", "longitude", "west", "address", " ", "kind", "drone", "cameraCount", "0",
                "bearing", "360", "viewAngle", "x", "retentionDays", "NaN"));
        CameraForm form = posted(fields);
        assertThat(form.input()).isEmpty();
        assertThat(form.errors).containsOnlyKeys("latitude", "longitude", "address", "kind", "cameraCount", "bearing",
                "viewAngle", "retentionDays");
        assertThat(form.errors.get("latitude")).isEqualTo("registry.cameras.error.latitude");
        assertThat(form.values.get("longitude")).isEqualTo("west");
        fields.put("address", "x".repeat(301));
        assertThat(posted(fields).errors).isEmpty();
        CameraForm tooLong = posted(fields);
        tooLong.input();
        assertThat(tooLong.errors.get("address")).isEqualTo("registry.cameras.error.addressLong");
    }

    @Test
    void theBlankFormSuggestsOneRecordingCameraKeptThirtyDays() {
        CameraForm blank = CameraForm.blank();
        assertThat(blank.values).containsEntry("cameraCount", "1").containsEntry("recording", "true")
                .containsEntry("retentionDays", "30");
        assertThat(blank.errors).isEmpty();
    }

    @Test
    void theCountsRefusalsAreTheAskersToFixAndNothingElseIs() {
        for (String name : new String[] {"area-too-small", "area-too-large", "outside-jurisdiction", "too-many-attempts"}) {
            ProblemException e = new ProblemException(ProblemType.named(name, name, 422), "detail");
            assertThat(RegistryPage.refusal(e)).contains("registry.staff.count.refused." + name);
        }
        assertThat(RegistryPage.refusal(new ProblemException(ProblemType.INTERNAL, "x"))).isEmpty();
    }
}
