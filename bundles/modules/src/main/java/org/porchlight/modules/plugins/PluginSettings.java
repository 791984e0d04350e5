package org.porchlight.modules.plugins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.metatype.AttributeDefinition;
import org.porchlight.api.problem.Problem;

/**
 * An agency's settings for a plugin checked against the plugin's metatype: every key an attribute
 * the agency may set, every required one there, each value of the attribute's type and one of its
 * options, and accepted by the attribute's own {@code validate}. No OSGi framework needed.
 */
final class PluginSettings {

    private PluginSettings() {
    }

    /**
     * The settings as they are kept (JSON values: strings, numbers, booleans, lists of them), or the
     * errors, each naming its field as {@code settings.<attribute>}.
     *
     * @param platform properties the platform sets: the agency may not
     */
    static Map<String, Object> check(Map<String, ?> given, List<PluginAttribute> attributes, Set<String> platform,
            List<Problem.FieldError> errors) {
        Map<String, PluginAttribute> byId = new LinkedHashMap<>();
        attributes.forEach(a -> byId.put(a.id(), a));
        Map<String, Object> kept = new TreeMap<>();
        for (Map.Entry<String, ?> entry : new TreeMap<>(given).entrySet()) {
            String field = "settings." + entry.getKey();
            PluginAttribute attribute = byId.get(entry.getKey());
            if (platform.contains(entry.getKey())) {
                errors.add(new Problem.FieldError(field, "is set by the platform, not by an agency"));
            } else if (attribute == null) {
                errors.add(new Problem.FieldError(field, "is not a setting of this plugin"));
            } else if (entry.getValue() != null) {
                Object value = value(attribute.definition(), entry.getValue(), field, errors);
                if (value != null) {
                    kept.put(entry.getKey(), value);
                }
            }
        }
        for (PluginAttribute attribute : attributes) {
            if (attribute.mustBeGiven() && !platform.contains(attribute.id()) && given.get(attribute.id()) == null) {
                errors.add(new Problem.FieldError("settings." + attribute.id(), "is required"));
            }
        }
        return kept;
    }

    private static Object value(AttributeDefinition definition, Object given, String field, List<Problem.FieldError> errors) {
        if (definition.getCardinality() == 0) {
            return scalar(definition, given, field, errors);
        }
        if (!(given instanceof List<?> list)) {
            errors.add(new Problem.FieldError(field, "must be a list"));
            return null;
        }
        int most = Math.abs(definition.getCardinality());
        if (most != Integer.MAX_VALUE && list.size() > most) {
            errors.add(new Problem.FieldError(field, "may have at most " + most + " values"));
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (Object item : list) {
            Object value = scalar(definition, item, field, errors);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static Object scalar(AttributeDefinition definition, Object given, String field, List<Problem.FieldError> errors) {
        Object value = typed(definition.getType(), given);
        if (value == null) {
            errors.add(new Problem.FieldError(field, "must be " + typeName(definition.getType())));
            return null;
        }
        String text = String.valueOf(value);
        String[] options = definition.getOptionValues();
        if (options != null && options.length > 0 && !Arrays.asList(options).contains(text)) {
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", options)));
            return null;
        }
        String invalid = definition.validate(text);
        if (invalid != null && !invalid.isEmpty()) {
            errors.add(new Problem.FieldError(field, invalid));
            return null;
        }
        return value;
    }

    /** The JSON value as the attribute's type, still a JSON value (string, long, double, boolean); null if it is not one. */
    static Object typed(int type, Object given) {
        return switch (type) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> given instanceof String s ? s : null;
            case AttributeDefinition.CHARACTER -> given instanceof String s && s.length() == 1 ? s : null;
            case AttributeDefinition.BOOLEAN -> given instanceof Boolean b ? b : null;
            case AttributeDefinition.LONG -> integral(given, Long.MIN_VALUE, Long.MAX_VALUE);
            case AttributeDefinition.INTEGER -> integral(given, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case AttributeDefinition.SHORT -> integral(given, Short.MIN_VALUE, Short.MAX_VALUE);
            case AttributeDefinition.BYTE -> integral(given, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> given instanceof Number n ? n.doubleValue() : null;
            default -> null;
        };
    }

    /** A kept value as Configuration Admin holds the attribute's type. */
    static Object configurationValue(int type, Object kept) {
        if (kept instanceof List<?> list) {
            return switch (type) {
                case AttributeDefinition.LONG -> list.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
                case AttributeDefinition.INTEGER -> list.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
                case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT ->
                        list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
                default -> list.stream().map(String::valueOf).toArray(String[]::new);
            };
        }
        return switch (type) {
            case AttributeDefinition.LONG -> ((Number) kept).longValue();
            case AttributeDefinition.INTEGER -> ((Number) kept).intValue();
            case AttributeDefinition.SHORT -> ((Number) kept).shortValue();
            case AttributeDefinition.BYTE -> ((Number) kept).byteValue();
            case AttributeDefinition.DOUBLE -> ((Number) kept).doubleValue();
            case AttributeDefinition.FLOAT -> ((Number) kept).floatValue();
            case AttributeDefinition.CHARACTER -> String.valueOf(kept).charAt(0);
            case AttributeDefinition.BOOLEAN -> kept instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(kept));
            default -> String.valueOf(kept);
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> "true or false";
            case AttributeDefinition.LONG, AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE ->
                    "a whole number";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.CHARACTER -> "one character";
            default -> "text";
        };
    }

    private static Long integral(Object given, long min, long max) {
        if (!(given instanceof Number n) || given instanceof Double || given instanceof Float) {
            return null;
        }
        long value = n.longValue();
        return value < min || value > max ? null : value;
    }
}
