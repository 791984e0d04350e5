package org.porchlight.modules.plugins.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.porchlight.api.problem.Problem;
import org.porchlight.modules.plugins.rest.SettingView;

/**
 * A plugin's settings as a form generated from its metatype: which input each setting gets (text,
 * password, number, checkbox, select, one value a line), the posted fields read back into settings
 * of the metatype's types, and a refusal's field errors as texts next to their inputs.
 */
final class SettingsForm {

    private SettingsForm() {
    }

    /** The inputs of the form, in the metatype's order, with their values and errors. */
    static List<Map<String, Object>> fields(List<SettingView> settable, Map<String, ?> values, Map<String, String> errors) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (SettingView setting : settable) {
            Object value = values.get(setting.id());
            if (value == null && !setting.defaults().isEmpty()) {
                value = setting.multiple() ? String.join("\n", setting.defaults()) : setting.defaults().get(0);
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", setting.id());
            field.put("id", "setting-" + setting.id().replaceAll("[^A-Za-z0-9_-]", "-"));
            field.put("label", setting.name() == null || setting.name().isBlank() ? setting.id() : setting.name());
            field.put("description", setting.description() == null ? "" : setting.description());
            field.put("input", input(setting));
            field.put("required", setting.required());
            field.put("folder", setting.folder());
            field.put("value", "password".equals(setting.type()) || value == null ? "" : text(value));
            field.put("checked", Boolean.TRUE.equals(value) || "true".equals(value));
            List<Map<String, Object>> options = new ArrayList<>();
            for (SettingView.Option option : setting.options()) {
                options.add(Map.of("value", option.value(), "label", option.label(),
                        "selected", value != null && option.value().equals(text(value))));
            }
            field.put("options", options);
            field.put("error", errors.getOrDefault(setting.id(), ""));
            fields.add(field);
        }
        return fields;
    }

    /**
     * The settings the form posted, as JSON values of the settings' types; a value that does not
     * parse goes on as text, for the metatype check to refuse by name. An empty password keeps the
     * earlier one.
     */
    static Map<String, Object> parse(List<SettingView> settable, Function<String, Optional<String>> parameter,
            Map<String, ?> earlier) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (SettingView setting : settable) {
            String id = setting.id();
            if ("boolean".equals(setting.type()) && !setting.multiple()) {
                settings.put(id, parameter.apply(id).isPresent());
                continue;
            }
            String posted = parameter.apply(id).map(String::strip).orElse("");
            if (posted.isEmpty()) {
                if ("password".equals(setting.type()) && earlier.get(id) != null) {
                    settings.put(id, earlier.get(id));
                }
                continue;
            }
            if (setting.multiple()) {
                List<Object> values = new ArrayList<>();
                for (String line : posted.split("\\R")) {
                    if (!line.isBlank()) {
                        values.add(value(setting.type(), line.strip()));
                    }
                }
                settings.put(id, values);
            } else {
                settings.put(id, value(setting.type(), posted));
            }
        }
        return settings;
    }

    /** A refusal's field errors by setting, as texts of the page ({@code plugins.error.*}) where it has one. */
    static Map<String, String> errors(Problem problem, Function<String, String> text) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError error : problem.errors() == null ? List.<Problem.FieldError>of() : problem.errors()) {
            String field = error.field().startsWith("settings.") ? error.field().substring("settings.".length()) : error.field();
            errors.put(field, message(error.message(), text));
        }
        return errors;
    }

    private static String message(String message, Function<String, String> text) {
        if (message.equals("is required")) {
            return text.apply("plugins.error.required");
        }
        if (message.startsWith("must be a whole number") || message.startsWith("must be a number")) {
            return text.apply("plugins.error.number");
        }
        if (message.startsWith("must be one of")) {
            return text.apply("plugins.error.choice");
        }
        if (message.contains("folder") || message.contains("..")) {
            return text.apply("plugins.error.folder");
        }
        return message; // the plugin's own check, in its words
    }

    private static String input(SettingView setting) {
        if (!setting.options().isEmpty() && !setting.multiple()) {
            return "select";
        }
        if (setting.multiple()) {
            return "lines";
        }
        return switch (setting.type()) {
            case "boolean" -> "checkbox";
            case "password" -> "password";
            case "long", "integer", "short", "byte", "double", "float" -> "number";
            default -> "text";
        };
    }

    private static Object value(String type, String posted) {
        try {
            return switch (type) {
                case "long", "integer", "short", "byte" -> Long.parseLong(posted);
                case "double", "float" -> Double.parseDouble(posted);
                case "boolean" -> Boolean.parseBoolean(posted);
                default -> posted;
            };
        } catch (NumberFormatException e) {
            return posted;
        }
    }

    private static String text(Object value) {
        return value instanceof List<?> list ? String.join("\n", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
