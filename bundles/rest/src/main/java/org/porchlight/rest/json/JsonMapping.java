package org.porchlight.rest.json;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of the API: strict on input (unknown fields, nulls for numbers, numbers
 * for enums and trailing garbage are errors), java.time as ISO-8601 strings, no nulls on output.
 * The SDK stays free of Jackson; its polymorphic types are described here with mix-ins.
 *
 * <p>Input is bounded before any object is built: no API body nests deeper than a handful of
 * levels, so a deeply nested one is an attack on the stack of whoever walks it later (Jackson's
 * own default lets 1,000 levels through).
 */
public final class JsonMapping {

    /** Deepest nesting of objects and arrays accepted in a body. */
    public static final int MAX_DEPTH = 64;
    /** Longest single string value accepted, in characters (a whole release is at most 20,000). */
    public static final int MAX_STRING_LENGTH = 262_144;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Largest document the codec reads; request bodies are limited far below by the REST core (413). */
    public static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;

    private JsonMapping() {
    }

    public static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING_LENGTH).maxNumberLength(MAX_NUMBER_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH).build()).build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(Area.class, AreaMixin.class)
                .addMixIn(Problem.class, ProblemMixin.class)
                .build();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Polygon.class, name = "polygon")})
    interface AreaMixin {
    }

    /** Members without a value are left out, as RFC 9457 allows. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    interface ProblemMixin {
    }
}
