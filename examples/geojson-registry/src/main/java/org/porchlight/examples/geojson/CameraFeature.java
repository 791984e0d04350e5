package org.porchlight.examples.geojson;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.ExternalRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GeoJSON Feature of a feed and the rules it must meet to become a registration (README.md, "Feed format").
 * Members are checked in the order of that table and the first one at fault rejects the feature. Limits match
 * {@link ExternalRegistration}'s, so a feature that passes is always a registration the registry takes.
 */
final class CameraFeature {

    static final String ID = "id";
    static final String GEOMETRY = "geometry";
    static final String COORDINATES = "geometry.coordinates";
    private static final String PROPERTIES = "properties";

    private final JsonNode feature;
    private final JsonNode properties;

    private CameraFeature(JsonNode feature) {
        this.feature = feature;
        this.properties = feature.path(PROPERTIES);
    }

    /** The registration {@code feature} describes. */
    static ExternalRegistration registration(JsonNode feature) throws RejectedFeature {
        if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
            throw new RejectedFeature(null, "is not a GeoJSON Feature");
        }
        return new CameraFeature(feature).registration();
    }

    /**
     * The feature's key, or {@code null} if it has none that is valid: lets a resumed import remember the ids of
     * features an interrupted sync already handed over.
     */
    static String keyOrNull(JsonNode feature) {
        try {
            return key(feature.path(ID));
        } catch (RejectedFeature e) {
            return null;
        }
    }

    private ExternalRegistration registration() throws RejectedFeature {
        String key = key(feature.path(ID));
        GeoPoint location = point(feature.path(GEOMETRY));
        if (!properties.isObject()) {
            throw new RejectedFeature(PROPERTIES, "must be an object");
        }
        String address = text("address", 300);
        if (address == null) {
            throw new RejectedFeature(PROPERTIES + ".address", "is required");
        }
        String businessName = text("business_name", 200);
        CameraKind kind = kind();
        int cameraCount = whole("camera_count", 1, 500);
        boolean recording = yesNo("records_video", null);
        int retentionDays = whole("retention_days", 0, 3650);
        boolean contactOk = yesNo("contact_ok", false);
        String email = text("contact_email", 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new RejectedFeature(PROPERTIES + ".contact_email", "is not an e-mail address");
        }
        String phone = text("contact_phone", 32);
        Instant updatedAt = instant("updated_at");
        boolean withdrawn = status();
        return new ExternalRegistration(key, updatedAt, withdrawn, location, address, businessName, kind, cameraCount,
                recording, retentionDays, contactOk, email, phone);
    }

    /** RFC 7946 lets a feature's id be a string or a number. */
    private static String key(JsonNode id) throws RejectedFeature {
        String key = id.isTextual() ? id.asText().strip() : id.isIntegralNumber() ? id.asText() : null;
        if (key == null || key.isEmpty()) {
            throw new RejectedFeature(ID, "is required: a string or a whole number");
        }
        if (key.length() > 64 || key.chars().anyMatch(Character::isISOControl)) {
            throw new RejectedFeature(ID, "must be 1 to 64 characters without control characters");
        }
        return key;
    }

    /** A Point; GeoJSON gives longitude first, then latitude (and an altitude, ignored). */
    private static GeoPoint point(JsonNode geometry) throws RejectedFeature {
        if (geometry.isMissingNode() || geometry.isNull()) {
            throw new RejectedFeature(GEOMETRY, "is required: a Point");
        }
        if (!"Point".equals(geometry.path("type").asText())) {
            throw new RejectedFeature(GEOMETRY, "must be a Point");
        }
        JsonNode coordinates = geometry.path("coordinates");
        if (!coordinates.isArray() || coordinates.size() < 2 || coordinates.size() > 3
                || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
            throw new RejectedFeature(COORDINATES, "must be [longitude, latitude] in decimal degrees");
        }
        double longitude = coordinates.get(0).asDouble();
        double latitude = coordinates.get(1).asDouble();
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new RejectedFeature(COORDINATES, "longitude must be between -180 and 180");
        }
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new RejectedFeature(COORDINATES, "latitude must be between -90 and 90");
        }
        return new GeoPoint(latitude, longitude);
    }

    /** Text, or null if absent, null or blank. */
    private String text(String name, int max) throws RejectedFeature {
        JsonNode value = properties.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RejectedFeature(PROPERTIES + "." + name, "must be a string");
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            throw new RejectedFeature(PROPERTIES + "." + name, "is longer than " + max + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new RejectedFeature(PROPERTIES + "." + name, "holds control characters");
        }
        return text.isEmpty() ? null : text;
    }

    private CameraKind kind() throws RejectedFeature {
        String kind = text("kind", 20);
        if (kind == null) {
            return CameraKind.OTHER;
        }
        try {
            return CameraKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RejectedFeature(PROPERTIES + ".kind", "must be doorbell, floodlight, wall or other");
        }
    }

    private int whole(String name, int min, int max) throws RejectedFeature {
        JsonNode value = properties.path(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new RejectedFeature(PROPERTIES + "." + name, "is required: a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** A boolean; {@code absent} when it is missing, or rejected as required if that is null. */
    private boolean yesNo(String name, Boolean absent) throws RejectedFeature {
        JsonNode value = properties.path(name);
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if ((value.isMissingNode() || value.isNull()) && absent != null) {
            return absent;
        }
        String reason = absent == null ? "is required: true or false" : "must be true or false";
        throw new RejectedFeature(PROPERTIES + "." + name, reason);
    }

    private Instant instant(String name) throws RejectedFeature {
        String text = text(name, 40);
        if (text == null) {
            throw new RejectedFeature(PROPERTIES + "." + name, "is required: an ISO-8601 instant");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RejectedFeature(PROPERTIES + "." + name, "is not an ISO-8601 instant such as 2026-01-31T17:54:00Z");
        }
    }

    /** Whether the owner left the programme. */
    private boolean status() throws RejectedFeature {
        String status = text("status", 20);
        if (status == null || status.equals("active")) {
            return false;
        }
        if (status.equals("withdrawn")) {
            return true;
        }
        throw new RejectedFeature(PROPERTIES + ".status", "must be active or withdrawn");
    }
}
