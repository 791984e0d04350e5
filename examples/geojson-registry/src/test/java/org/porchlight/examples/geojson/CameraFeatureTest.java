package org.porchlight.examples.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.ExternalRegistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The rules one feature must meet, without a server. */
class CameraFeatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPointGivesLongitudeFirstAndBecomesARegistration() throws Exception {
        ExternalRegistration registration = CameraFeature.registration(feature(Features.camera("cam-1", 39.1, -94.5,
                ",\"kind\":\"doorbell\",\"contact_ok\":true,\"contact_email\":\"owner@example.org\"")));

        assertThat(registration.externalKey()).isEqualTo("cam-1");
        assertThat(registration.location()).isEqualTo(new GeoPoint(39.1, -94.5));
        assertThat(registration.kind()).isEqualTo(CameraKind.DOORBELL);
        assertThat(registration.cameraCount()).isEqualTo(2);
        assertThat(registration.recording()).isTrue();
        assertThat(registration.retentionDays()).isEqualTo(30);
        assertThat(registration.contactOk()).isTrue();
        assertThat(registration.contactEmail()).isEqualTo("owner@example.org");
        assertThat(registration.updatedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(registration.withdrawn()).isFalse();
    }

    @Test
    void leftOutOptionalMembersTakeTheCarefulDefault() throws Exception {
        ExternalRegistration registration = CameraFeature.registration(feature(Features.camera("cam-1")));

        assertThat(registration.kind()).isEqualTo(CameraKind.OTHER);
        assertThat(registration.contactOk()).as("nobody agreed to be contacted").isFalse();
        assertThat(registration.contactEmail()).isNull();
        assertThat(registration.businessName()).isNull();
    }

    @Test
    void aNumericIdIsTheKeyAndWithdrawnLeavesTheProgramme() throws Exception {
        String numeric = Features.camera("x", 39.1, -94.5, ",\"status\":\"withdrawn\"").replace("\"id\":\"x\"", "\"id\":42");

        ExternalRegistration registration = CameraFeature.registration(feature(numeric));

        assertThat(registration.externalKey()).isEqualTo("42");
        assertThat(registration.withdrawn()).isTrue();
    }

    @Test
    void aFeatureWithoutGeometryIsRejectedForIt() {
        String noGeometry = Features.camera("cam-1").replaceFirst("\"geometry\":\\{[^}]*\\}", "\"geometry\":null");

        assertRejected(noGeometry, "geometry", "is required: a Point");
    }

    @Test
    void outOfRangeCoordinatesAreRejectedWithoutQuotingThem() {
        assertRejected(Features.camera("cam-1", 95.5, -94.5, ""), "geometry.coordinates",
                "latitude must be between -90 and 90");
        assertRejected(Features.camera("cam-1", 39.1, -194.5, ""), "geometry.coordinates",
                "longitude must be between -180 and 180");
    }

    @Test
    void aPolygonIsNotACamera() {
        String polygon = Features.camera("cam-1").replace("\"Point\"", "\"Polygon\"");

        assertRejected(polygon, "geometry", "must be a Point");
    }

    @Test
    void eachPropertyIsCheckedForItsTypeAndRange() {
        assertRejected(Features.camera("cam-1").replace("\"camera_count\":2", "\"camera_count\":501"),
                "properties.camera_count", "is required: a whole number from 1 to 500");
        assertRejected(Features.camera("cam-1").replace("\"records_video\":true", "\"records_video\":\"yes\""),
                "properties.records_video", "is required: true or false");
        assertRejected(Features.camera("cam-1").replace("\"address\":\"1 Oak St\"", "\"address\":\"  \""),
                "properties.address", "is required");
        assertRejected(Features.camera("cam-1").replace("2026-11-01T10:00:00Z", "yesterday"),
                "properties.updated_at", "is not an ISO-8601 instant such as 2026-01-31T17:54:00Z");
        assertRejected(Features.camera("cam-1", 39.1, -94.5, ",\"contact_email\":\"not an address\""),
                "properties.contact_email", "is not an e-mail address");
        assertRejected(Features.camera("cam-1", 39.1, -94.5, ",\"kind\":\"drone\""),
                "properties.kind", "must be doorbell, floodlight, wall or other");
    }

    @Test
    void somethingElseThanAFeatureIsRejectedWhole() {
        assertRejected("[1, 2]", null, "is not a GeoJSON Feature");
        assertRejected(Features.camera("cam-1").replace("\"id\":\"cam-1\",", ""), "id",
                "is required: a string or a whole number");
    }

    private static void assertRejected(String feature, String member, String reason) {
        assertThatThrownBy(() -> CameraFeature.registration(feature(feature)))
                .isInstanceOfSatisfying(RejectedFeature.class, e -> {
                    assertThat(e.member()).isEqualTo(member);
                    assertThat(e.getMessage()).isEqualTo(reason);
                });
    }

    private static JsonNode feature(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
