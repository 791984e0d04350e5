package org.porchlight.requests.web.agency;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.MapView;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.RequestWorkflow.DraftInput;

/**
 * The draft form of a footage request as the portal posts it: its fields as typed, what is wrong
 * with them (the form's own checks, then the agency's policy), and the workflow's {@link DraftInput}
 * once the fields have the right shape. Times are read and shown in the agency's time zone.
 */
final class RequestForm {

    /** The form's fields, in the order the form shows them. */
    static final List<String> FIELDS = List.of("caseNumber", "incidentType", "incidentDetail", "windowStart", "windowEnd", "area",
            "message", "expiresAt");
    /** Where errors of fields the form does not have (a plugin policy's, the whole request's) are shown. */
    static final String GENERAL = "request";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private RequestForm() {
        for (String field : FIELDS) {
            values.put(field, "");
        }
    }

    static RequestForm empty() {
        return new RequestForm();
    }

    /** The fields of a posted form, trimmed of nothing: what was typed comes back as typed. */
    static RequestForm read(java.util.function.Function<String, Optional<String>> parameter) {
        RequestForm form = new RequestForm();
        for (String field : FIELDS) {
            form.values.put(field, parameter.apply(field).orElse(""));
        }
        return form;
    }

    /** A saved request's fields, to change a draft. */
    static RequestForm of(FootageRequest request, ZoneId zone) {
        RequestForm form = new RequestForm();
        form.values.put("caseNumber", request.caseNumber());
        form.values.put("incidentType", request.incidentType().name());
        form.values.put("incidentDetail", request.incidentDetail() == null ? "" : request.incidentDetail());
        form.values.put("windowStart", FormFields.local(request.windowStart(), zone));
        form.values.put("windowEnd", FormFields.local(request.windowEnd(), zone));
        form.values.put("area", MapView.areaText(polygon(request.area())));
        form.values.put("message", request.message());
        form.values.put("expiresAt", FormFields.local(request.expiresAt(), zone));
        return form;
    }

    /**
     * The workflow's input, or empty after recording what is wrong with the fields' shape (the
     * texts come from {@code text}, keys under {@code requests.agency.error.}).
     */
    Optional<DraftInput> input(ZoneId zone, BiFunction<String, Object[], String> text) {
        String caseNumber = values.get("caseNumber").trim();
        if (caseNumber.isEmpty()) {
            error("caseNumber", text.apply("requests.agency.error.required", new Object[0]));
        } else if (caseNumber.length() > 64) {
            error("caseNumber", text.apply("requests.agency.error.tooLong", new Object[] {64}));
        }
        IncidentType type = null;
        try {
            type = IncidentType.valueOf(values.get("incidentType"));
        } catch (IllegalArgumentException e) {
            error("incidentType", text.apply("requests.agency.error.incidentType", new Object[0]));
        }
        if (values.get("incidentDetail").length() > 500) {
            error("incidentDetail", text.apply("requests.agency.error.tooLong", new Object[] {500}));
        }
        Instant start = time("windowStart", zone, true, text);
        Instant end = time("windowEnd", zone, true, text);
        Optional<Polygon> area = MapView.parseArea(values.get("area"));
        if (area.isEmpty()) {
            error("area", text.apply(values.get("area").isBlank() ? "requests.agency.error.required" : "requests.agency.error.area",
                    new Object[0]));
        }
        String message = values.get("message").trim();
        if (message.isEmpty()) {
            error("message", text.apply("requests.agency.error.required", new Object[0]));
        } else if (message.length() > 2000) {
            error("message", text.apply("requests.agency.error.tooLong", new Object[] {2000}));
        }
        Instant expires = time("expiresAt", zone, false, text);
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DraftInput(caseNumber, type, values.get("incidentDetail"), start, end, area.get(), message, expires));
    }

    /** Records the policy's violations next to their fields. */
    void violations(List<PolicyViolation> violations, BiFunction<String, Object[], String> text) {
        for (PolicyViolation v : violations) {
            error(v.field() == null ? GENERAL : v.field(), describe(v.rule(), v.message(), text));
        }
    }

    /** Records a policy problem's field errors ({@code [rule] message}) next to their fields. */
    void fieldErrors(List<FieldError> fieldErrors, BiFunction<String, Object[], String> text) {
        for (FieldError e : fieldErrors) {
            String message = e.message();
            String rule = null;
            if (message.startsWith("[") && message.indexOf(']') > 1) {
                rule = message.substring(1, message.indexOf(']'));
                message = message.substring(message.indexOf(']') + 1).trim();
            }
            error(e.field(), rule == null ? message : describe(rule, message, text));
        }
    }

    /** A rule's name in the page's language, then the policy's own words with the limit. */
    static String describe(String rule, String message, BiFunction<String, Object[], String> text) {
        String key = "requests.agency.rule." + rule;
        String name = text.apply(key, new Object[0]);
        return (key.equals(name) ? rule : name) + ": " + message;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The form's model: {@code values} by field, {@code errors} by field (lists of texts), {@code general} errors. */
    Map<String, Object> model() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("values", Map.copyOf(values));
        Map<String, Object> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        errors.forEach((field, list) -> {
            if (FIELDS.contains(field)) {
                byField.put(field, List.copyOf(list));
            } else {
                general.addAll(list);
            }
        });
        model.put("errors", byField);
        model.put("general", general);
        return model;
    }

    private void error(String field, String text) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(text);
    }

    private Instant time(String field, ZoneId zone, boolean required, BiFunction<String, Object[], String> text) {
        String value = values.get(field).trim();
        if (value.isEmpty()) {
            if (required) {
                error(field, text.apply("requests.agency.error.required", new Object[0]));
            }
            return null;
        }
        try {
            return FormFields.instant(value, zone);
        } catch (DateTimeParseException e) {
            error(field, text.apply("requests.agency.error.time", new Object[0]));
            return null;
        }
    }

    /** The area as corners: a polygon as it is, a circle (drafted through the API) as 32 corners on its edge. */
    static Polygon polygon(Area area) {
        if (area instanceof Polygon p) {
            return p;
        }
        Circle c = (Circle) area;
        List<GeoPoint> corners = new ArrayList<>();
        double lat = Math.toRadians(c.center().latitude());
        for (int i = 0; i < 32; i++) {
            double angle = 2 * Math.PI * i / 32;
            double dLat = c.radiusMeters() * Math.cos(angle) / 111_320.0;
            double dLng = c.radiusMeters() * Math.sin(angle) / (111_320.0 * Math.cos(lat));
            corners.add(new GeoPoint(c.center().latitude() + dLat, c.center().longitude() + dLng));
        }
        return new Polygon(corners);
    }
}
