package org.porchlight.rest.openapi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Gives every request body with a schema an example built from that schema: its required
 * members, each the smallest value the schema allows (formats, lengths, bounds, enums and
 * patterns respected), so that the example validates and a client author sees the shape at once.
 * Bodies read as a stream are described as binary, which is what the server takes.
 */
final class RequestExamples {

    private static final int DEPTH = 8;
    private static final Pattern LITERALS = Pattern.compile("[\\w-]+(\\|[\\w-]+)*");
    private static final List<String> TEXT = List.of("example", "EXAMPLE", "ex-1", "1", "a", "example@example.org");

    private RequestExamples() {
    }

    static void annotate(OpenAPI document, List<Resource> roots) {
        Map<String, Schema> components = document.getComponents().getSchemas() == null ? Map.of()
                : document.getComponents().getSchemas();
        DocumentedOperations.forEach(document, roots, documented -> {
            if (documented.operation().getRequestBody() == null || documented.operation().getRequestBody().getContent() == null) {
                return;
            }
            Content content = documented.operation().getRequestBody().getContent();
            if (streamed(documented.method().getInvocable().getParameters())) {
                content.replaceAll((type, media) -> new MediaType().schema(new BinarySchema()));
                return;
            }
            for (MediaType media : content.values()) {
                if (media.getSchema() != null && media.getExample() == null && media.getExamples() == null) {
                    try {
                        media.setExample(example(media.getSchema(), "", components, 0));
                    } catch (IllegalArgumentException noExample) {
                        // a pattern none of the sample texts matches: better no example than a wrong one
                    }
                }
            }
        });
    }

    private static boolean streamed(List<Parameter> parameters) {
        return parameters.stream().anyMatch(p -> p.getSource() == Parameter.Source.ENTITY
                && InputStream.class.isAssignableFrom(p.getRawType()));
    }

    static Object example(Schema<?> schema, String name, Map<String, Schema> components, int depth) {
        if (depth > DEPTH) {
            throw new IllegalArgumentException("too deep");
        }
        if (schema.get$ref() != null) {
            Schema<?> target = components.get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
            if (target == null) {
                throw new IllegalArgumentException("unknown " + schema.get$ref());
            }
            return example(target, name, components, depth + 1);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return example(schema.getOneOf().get(0), name, components, depth + 1);
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        String type = schema.getType() == null ? (schema.getProperties() != null ? "object" : "") : schema.getType();
        return switch (type) {
            case "object" -> object(schema, components, depth);
            case "array" -> array(schema, components, depth);
            case "string" -> text(schema, name);
            case "integer" -> number(schema).toBigInteger();
            case "number" -> number(schema);
            case "boolean" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("no type");
        };
    }

    private static Map<String, Object> object(Schema<?> schema, Map<String, Schema> components, int depth) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (schema.getProperties() != null && schema.getRequired() != null) {
            for (String name : schema.getRequired()) {
                Schema<?> property = schema.getProperties().get(name);
                if (property != null) {
                    example.put(name, example(property, name, components, depth + 1));
                }
            }
        }
        return example;
    }

    private static List<Object> array(Schema<?> schema, Map<String, Schema> components, int depth) {
        List<Object> example = new ArrayList<>();
        int count = schema.getMinItems() == null ? 1 : Math.max(1, schema.getMinItems());
        for (int i = 0; i < count && schema.getItems() != null; i++) {
            example.add(example(schema.getItems(), "", components, depth + 1));
        }
        return example;
    }

    private static String text(Schema<?> schema, String name) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String member = name.toLowerCase(Locale.ROOT);
        // Bean Validation's @Email and the like do not reach the schema: the member's name tells
        if (format.isEmpty() && member.endsWith("email")) {
            format = "email";
        } else if (format.isEmpty() && member.endsWith("timezone")) {
            format = "time-zone";
        } else if (format.isEmpty() && member.contains("password")) {
            format = "password";
        }
        List<String> candidates = switch (format) {
            case "time-zone" -> List.of("America/Chicago");
            case "password" -> List.of("correct horse battery staple");
            case "email" -> List.of("someone@example.org");
            case "uuid" -> List.of("3fa85f64-5717-4562-b3fc-2c963f66afa6");
            case "date-time" -> List.of("2026-01-01T12:00:00Z");
            case "date" -> List.of("2026-01-01");
            case "uri" -> List.of("https://example.org/");
            default -> TEXT;
        };
        Pattern pattern = schema.getPattern() == null ? null : Pattern.compile(schema.getPattern());
        if (pattern != null && LITERALS.matcher(pattern.pattern()).matches()) {
            candidates = List.of(pattern.pattern().split("\\|")); // a choice of words, e.g. OFFICER|SUPERVISOR
        }
        for (String candidate : candidates) {
            String text = fit(candidate, schema.getMinLength(), schema.getMaxLength());
            if (pattern == null || pattern.matcher(text).matches()) {
                return text;
            }
        }
        throw new IllegalArgumentException("nothing matches " + schema.getPattern());
    }

    private static String fit(String text, Integer minLength, Integer maxLength) {
        StringBuilder fitted = new StringBuilder(text);
        while (minLength != null && fitted.length() < minLength) {
            fitted.append('x');
        }
        if (maxLength != null && fitted.length() > maxLength) {
            fitted.setLength(maxLength);
        }
        return fitted.toString();
    }

    private static BigDecimal number(Schema<?> schema) {
        BigDecimal value = BigDecimal.ONE;
        if (schema.getMinimum() != null && value.compareTo(schema.getMinimum()) < 0) {
            value = schema.getMinimum().add(Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (schema.getMaximum() != null && value.compareTo(schema.getMaximum()) > 0) {
            value = schema.getMaximum()
                    .subtract(Boolean.TRUE.equals(schema.getExclusiveMaximum()) ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        return value;
    }
}
