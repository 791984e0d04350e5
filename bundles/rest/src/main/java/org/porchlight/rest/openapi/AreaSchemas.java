package org.porchlight.rest.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.rest.json.JsonMapping;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Describes the SDK's geometry as the API reads and writes it: an {@link Area} is a {@code oneOf}
 * of its shapes with a {@code discriminator} on the type member, whose names come from the JSON
 * mapping's mix-ins so that the document cannot drift from what the server accepts; and the
 * bounds the records check in their constructors (latitude, longitude, radius, corners) are in
 * the schemas, since swagger cannot see them.
 */
final class AreaSchemas {

    /** The SDK types that travel with a type member (see {@link JsonMapping}). */
    private static final List<Class<?>> POLYMORPHIC = List.of(Area.class);

    private AreaSchemas() {
    }

    static void annotate(OpenAPI document) {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        for (Class<?> type : POLYMORPHIC) {
            if (schemas.containsKey(type.getSimpleName())) {
                describe(document, type);
            }
        }
        bound(schemas.get(GeoPoint.class.getSimpleName()), "latitude", -90, 90);
        bound(schemas.get(GeoPoint.class.getSimpleName()), "longitude", -180, 180);
        Schema<?> circle = schemas.get(Circle.class.getSimpleName());
        if (circle != null) {
            circle.getProperties().get("radiusMeters").exclusiveMinimum(true).minimum(BigDecimal.ZERO);
        }
        Schema<?> polygon = schemas.get(Polygon.class.getSimpleName());
        if (polygon != null) {
            polygon.getProperties().get("vertices").minItems(3);
        }
    }

    private static void bound(Schema<?> point, String property, int min, int max) {
        if (point != null) {
            point.getProperties().get(property).minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
            if (point.getRequired() == null || !point.getRequired().contains(property)) {
                point.addRequiredItem(property);
            }
        }
    }

    private static void describe(OpenAPI document, Class<?> type) {
        Class<?> mixin = JsonMapping.create().findMixInClassFor(type);
        JsonTypeInfo info = mixin.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subtypes = mixin.getAnnotation(JsonSubTypes.class);
        String property = info.property();
        Discriminator discriminator = new Discriminator().propertyName(property);
        List<Schema> choices = new ArrayList<>();
        for (JsonSubTypes.Type subtype : subtypes.value()) {
            String name = subtype.value().getSimpleName();
            Map<String, Schema> read = ModelConverters.getInstance().readAll(subtype.value());
            read.forEach((key, schema) -> document.getComponents().getSchemas().putIfAbsent(key, schema));
            Schema<?> schema = document.getComponents().getSchemas().get(name);
            Map<String, Schema> properties = new LinkedHashMap<>();
            properties.put(property, new StringSchema()._enum(List.of(subtype.name()))
                    .description("Always \"" + subtype.name() + "\" for a " + name.toLowerCase(Locale.ROOT)));
            if (schema.getProperties() != null) {
                properties.putAll(schema.getProperties());
            }
            schema.setProperties(properties);
            List<String> required = new ArrayList<>(List.of(property));
            required.addAll(schema.getProperties().keySet().stream().filter(p -> !p.equals(property)).toList());
            schema.setRequired(required);
            String ref = "#/components/schemas/" + name;
            choices.add(new Schema<>().$ref(ref));
            discriminator.mapping(subtype.name(), ref);
        }
        ComposedSchema composed = new ComposedSchema();
        composed.setOneOf(choices);
        composed.discriminator(discriminator);
        document.getComponents().getSchemas().put(type.getSimpleName(), composed);
    }
}
