package org.porchlight.registry.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.registry.RegistryPortal.CameraInput;

/**
 * The portal's form for registering a camera, read field by field with the REST API's limits: what was typed (to show
 * the form again), the message key of each field that is wrong, and the input once nothing is.
 */
final class CameraForm {

    /** The form's fields as typed, by name. */
    final Map<String, String> values = new LinkedHashMap<>();
    /** Message keys of the fields that are wrong, by field name. */
    final Map<String, String> errors = new LinkedHashMap<>();

    private CameraForm() {
    }

    /** The empty form: one camera, recording, kept 30 days. */
    static CameraForm blank() {
        CameraForm form = new CameraForm();
        form.values.putAll(Map.of("latitude", "", "longitude", "", "address", "", "kind", CameraKind.DOORBELL.name(),
                "cameraCount", "1", "bearing", "", "viewAngle", "", "retentionDays", "30"));
        form.values.put("recording", "true");
        form.values.put("contactOk", "true");
        form.values.put("exactLocationOk", "");
        return form;
    }

    /** Reads a posted form; {@code field} gives a field's value, or empty. */
    static CameraForm read(Function<String, Optional<String>> field) {
        CameraForm form = new CameraForm();
        for (String name : new String[] {"latitude", "longitude", "address", "kind", "cameraCount", "bearing", "viewAngle",
                "retentionDays"}) {
            form.values.put(name, field.apply(name).map(String::strip).orElse(""));
        }
        for (String box : new String[] {"recording", "contactOk", "exactLocationOk"}) {
            form.values.put(box, field.apply(box).isPresent() ? "true" : "");
        }
        return form;
    }

    /** The input, or empty when a field is wrong (see {@link #errors}). */
    Optional<CameraInput> input() {
        errors.clear();
        Double latitude = decimal("latitude", -90, 90);
        Double longitude = decimal("longitude", -180, 180);
        String address = values.get("address");
        if (address.isEmpty()) {
            errors.put("address", "registry.cameras.error.address");
        } else if (address.length() > 300) {
            errors.put("address", "registry.cameras.error.addressLong");
        }
        CameraKind kind = null;
        try {
            kind = CameraKind.valueOf(values.get("kind").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("kind", "registry.cameras.error.kind");
        }
        Integer count = whole("cameraCount", 1, 500, true);
        Integer bearing = whole("bearing", 0, 359, false);
        Integer viewAngle = whole("viewAngle", 1, 360, false);
        Integer retention = whole("retentionDays", 0, 3650, true);
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CameraInput(new GeoPoint(latitude, longitude), address, kind, count, bearing, viewAngle,
                checked("recording"), retention, checked("contactOk"), checked("exactLocationOk"), false));
    }

    private boolean checked(String box) {
        return "true".equals(values.get(box));
    }

    private Double decimal(String name, double min, double max) {
        try {
            double value = Double.parseDouble(values.get(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        errors.put(name, "registry.cameras.error." + name);
        return null;
    }

    private Integer whole(String name, int min, int max, boolean required) {
        String text = values.get(name);
        if (text.isEmpty() && !required) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        errors.put(name, "registry.cameras.error." + name);
        return null;
    }
}
