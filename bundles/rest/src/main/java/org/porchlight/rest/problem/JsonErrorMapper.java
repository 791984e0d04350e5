package org.porchlight.rest.problem;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.rest.request.BodyTooLargeException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * A body that is not JSON, JSON of the wrong shape, or JSON past a limit of {@code JsonMapping}
 * (nesting, string or number length: 400; document length: 413), naming where or which limit; a
 * body that went past the size limit while Jackson read it (413), wherever in the document.
 * Jackson's own messages name Java classes, so the messages here are written for API clients instead.
 */
final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    /** Jackson's limit messages end with the Java method that set the limit: not for clients. */
    private static final Pattern LIMIT_SOURCE = Pattern.compile(", from `[^`]*`");

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(JsonProcessingException exception) {
        // Jackson wraps what its stream throws with the path it was reading: the cause is what counts.
        BodyTooLargeException tooLarge = cause(exception, BodyTooLargeException.class);
        if (tooLarge != null) {
            return ProblemResponses.unreadBody(BodyTooLargeMapper.tooLarge(tooLarge.limit()), uriInfo);
        }
        StreamConstraintsException limit = cause(exception, StreamConstraintsException.class);
        if (limit != null) {
            String what = LIMIT_SOURCE.matcher(String.valueOf(limit.getOriginalMessage())).replaceAll("");
            if (what.startsWith("Document length")) {
                return ProblemResponses.unreadBody(Problem.ofStatus(413, "Content Too Large", "The body is too large: " + what
                        + "."), uriInfo);
            }
            return ProblemResponses.unreadBody(Problem.of(ProblemType.MALFORMED_BODY, "The body exceeds a limit of the API: "
                    + what + location(limit.getLocation()) + "."), uriInfo);
        }
        if (!(exception instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()
                && !(exception instanceof MismatchedInputException)) {
            return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_BODY,
                    "The body is not valid JSON" + location(exception.getLocation()) + "."), uriInfo);
        }
        String field = path(mapping);
        FieldError error = new FieldError(field.isEmpty() ? "body" : field, message(mapping));
        return ProblemResponses.of(Problem.of(ProblemType.VALIDATION, "The body does not have the expected shape.")
                .withErrors(List.of(error)), uriInfo);
    }

    private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidTypeIdException typeId) {
            return "unknown type '" + typeId.getTypeId() + "'";
        }
        if (e instanceof ValueInstantiationException) {
            // Thrown by a record's own checks, whose messages are written for people.
            Throwable cause = e.getCause();
            return cause != null && cause.getMessage() != null ? cause.getMessage() : "invalid value";
        }
        if (e instanceof InvalidFormatException format) {
            return "not a valid " + describe(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + describe(mismatch.getTargetType());
        }
        return "invalid value";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value, expected one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
