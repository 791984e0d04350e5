package org.porchlight.identity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.MapView;
import org.porchlight.identity.Agency;

/**
 * An agency's settings as the portal's forms hold them, and back: name, time zone, contact, the
 * jurisdiction (a circle from its centre and radius, or an area drawn or typed as one
 * {@code latitude, longitude} per line, which wins when given) and the policy as one
 * {@code name = value} per line. Errors are message keys by field, for the page to show in its language.
 */
final class AgencyForm {

    private static final Pattern CODE = Pattern.compile(Roles.AGENCY_CODE_PATTERN);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** What a posted form gives: the agency when {@code errors} is empty. */
    record Result(Agency agency, Map<String, String> errors) {
    }

    private AgencyForm() {
    }

    /**
     * Reads the form. {@code withCode}: the create form, whose code is a field; otherwise {@code code}
     * is the agency's. {@code kept} holds the policy entries the text cannot show (nested objects), kept as they are.
     */
    static Result parse(Function<String, String> field, boolean withCode, String code, Map<String, Object> kept) {
        Map<String, String> errors = new LinkedHashMap<>();
        String agencyCode = withCode ? field.apply("code").toUpperCase(Locale.ROOT) : code;
        if (withCode && !CODE.matcher(agencyCode).matches()) {
            errors.put("code", "identity.agency.code.invalid");
        }
        String name = field.apply("name");
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", "identity.agency.name.invalid");
        }
        String zone = field.apply("timeZone");
        if (!PortalForms.ZONES.contains(zone)) {
            errors.put("timeZone", "identity.agency.timeZone.invalid");
        }
        String email = field.apply("contactEmail");
        if (!PortalForms.isEmail(email)) {
            errors.put("contactEmail", "identity.email.invalid");
        }
        String phone = field.apply("contactPhone");
        if (phone.length() > 40) {
            errors.put("contactPhone", "identity.agency.phone.invalid");
        }
        Area jurisdiction = null;
        String area = field.apply("area");
        if (!area.isEmpty()) {
            Optional<Polygon> polygon = MapView.parseArea(area);
            if (polygon.isEmpty()) {
                errors.put("area", "identity.agency.area.invalid");
            } else {
                jurisdiction = polygon.get();
            }
        } else {
            jurisdiction = circle(field.apply("latitude"), field.apply("longitude"), field.apply("radius"));
            if (jurisdiction == null) {
                errors.put("latitude", "identity.agency.circle.invalid");
            }
        }
        Map<String, Object> policy = new LinkedHashMap<>(kept);
        Optional<String> policyError = readPolicy(field.apply("policy"), policy);
        policyError.ifPresent(e -> errors.put("policy", e));
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new Agency(agencyCode, name, jurisdiction, zone, email, phone.isEmpty() ? null : phone, policy, null),
                Map.of());
    }

    /** The form's fields for {@code agency}, or empty ones for a new agency. */
    static Map<String, Object> fields(Agency agency) {
        Map<String, Object> fields = PageModel.orEmpty("code", "", "name", "", "timeZone", "America/Chicago", "contactEmail", "",
                "contactPhone", "", "latitude", "", "longitude", "", "radius", "", "area", "", "policy", "");
        if (agency == null) {
            return fields;
        }
        fields.putAll(PageModel.orEmpty("code", agency.code(), "name", agency.name(), "timeZone", agency.timeZone(),
                "contactEmail", agency.contactEmail(), "contactPhone", agency.contactPhone(),
                "policy", policyText(agency.policy())));
        if (agency.jurisdiction() instanceof Circle c) {
            fields.putAll(PageModel.orEmpty("latitude", number(c.center().latitude()),
                    "longitude", number(c.center().longitude()),
                    "radius", number(c.radiusMeters())));
        } else if (agency.jurisdiction() instanceof Polygon p) {
            fields.put("area", MapView.areaText(p));
        }
        return fields;
    }

    /** The form's fields as posted, to show them again with the errors. */
    static Map<String, Object> posted(Function<String, String> field) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("code", "name", "timeZone", "contactEmail", "contactPhone", "latitude", "longitude", "radius",
                "area", "policy")) {
            fields.put(name, field.apply(name));
        }
        return fields;
    }

    private static Circle circle(String latitude, String longitude, String radius) {
        try {
            double lat = Double.parseDouble(latitude);
            double lng = Double.parseDouble(longitude);
            double meters = Double.parseDouble(radius);
            if (lat < -90 || lat > 90 || lng < -180 || lng > 180 || !(meters > 0) || meters > 1_000_000) {
                return null;
            }
            return new Circle(new GeoPoint(lat, lng), meters);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Policy entries as text, one {@code name = value} per line; nested objects are left out (see {@link #nested}). */
    static String policyText(Map<String, Object> policy) {
        StringBuilder text = new StringBuilder();
        if (policy != null) {
            policy.forEach((name, value) -> {
                if (!(value instanceof Map)) {
                    text.append(name).append(" = ").append(valueText(value)).append('\n');
                }
            });
        }
        return text.toString();
    }

    /** The policy entries that hold nested objects: the text cannot show them, so a change of the text keeps them. */
    static Map<String, Object> nested(Map<String, Object> policy) {
        Map<String, Object> nested = new LinkedHashMap<>();
        if (policy != null) {
            policy.forEach((name, value) -> {
                if (value instanceof Map) {
                    nested.put(name, value);
                }
            });
        }
        return nested;
    }

    private static String valueText(Object value) {
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(String.valueOf(item instanceof Number n ? numberText(n) : item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Number n) {
            return numberText(n);
        }
        String text = String.valueOf(value);
        boolean ambiguous = !(value instanceof Boolean) && ("true".equals(text) || "false".equals(text)
                || NUMBER.matcher(text).matches() || text.startsWith("[") || text.startsWith("\"") || !text.equals(text.trim()));
        return ambiguous ? "\"" + text + "\"" : text;
    }

    /**
     * Reads policy text into {@code policy}: {@code true}/{@code false}, numbers, {@code [a, b]} lists
     * (of texts and numbers), {@code "quoted"} texts, anything else a text. An error key when a line is not
     * {@code name = value}, or there are more than 50 entries.
     */
    static Optional<String> readPolicy(String text, Map<String, Object> policy) {
        if (text.length() > 20_000) {
            return Optional.of("identity.agency.policy.invalid");
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).trim();
            if (!POLICY_NAME.matcher(name).matches()) {
                return Optional.of("identity.agency.policy.invalid");
            }
            String value = line.substring(equals + 1).trim();
            policy.put(name, value(value));
        }
        return policy.size() > 50 ? Optional.of("identity.agency.policy.invalid") : Optional.empty();
    }

    private static Object value(String text) {
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.valueOf(text);
        }
        if (NUMBER.matcher(text).matches()) {
            return number(text);
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            List<Object> items = new ArrayList<>();
            for (String item : text.substring(1, text.length() - 1).split(",")) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty()) {
                    items.add(NUMBER.matcher(trimmed).matches() ? number(trimmed) : trimmed);
                }
            }
            return items;
        }
        return text;
    }

    private static Number number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Double.parseDouble(text);
        }
    }

    private static String numberText(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : n.toString();
    }

    private static String number(double d) {
        return numberText(d);
    }
}
