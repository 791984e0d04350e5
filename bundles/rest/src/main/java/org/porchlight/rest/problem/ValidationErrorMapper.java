package org.porchlight.rest.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.problem.ProblemType;

/**
 * Bean Validation failures on request input: 400 listing each offending field by the name the
 * client used: the JSON path into the body, or the query, path or header parameter's name. The
 * rejected values are not echoed: they may be personal data. A violation on a return value is
 * the server's fault and goes to the unexpected-error mapper.
 */
final class ValidationErrorMapper implements ExceptionMapper<ValidationException> {

    @Context
    private UriInfo uriInfo;

    @Context
    private ResourceInfo resourceInfo;

    private final UnexpectedErrorMapper unexpected;

    ValidationErrorMapper(UnexpectedErrorMapper unexpected) {
        this.unexpected = unexpected;
    }

    @Override
    public Response toResponse(ValidationException exception) {
        if (!(exception instanceof ConstraintViolationException violations) || isAboutReturnValue(violations)) {
            return unexpected.toResponse(exception);
        }
        List<FieldError> errors = violations.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return ProblemResponses.of(Problem.of(ProblemType.VALIDATION, detail).withErrors(errors), uriInfo);
    }

    private static boolean isAboutReturnValue(ConstraintViolationException e) {
        return e.getConstraintViolations().stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
    }

    /** {@code create.body.area.radiusMeters} becomes {@code area.radiusMeters}; {@code list.limit} becomes {@code limit}. */
    private String fieldName(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER -> { }
                case PARAMETER -> parameterName = parameterName(node.as(Path.ParameterNode.class));
                // List<@NotBlank String>: the element's index is on this node, it has no name of its own.
                case CONTAINER_ELEMENT -> appendIndex(path, node);
                default -> appendNode(path, node);
            }
        }
        if (parameterName != null && !parameterName.isEmpty()) {
            return path.length() == 0 ? parameterName : parameterName + "." + path;
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    private static void appendNode(StringBuilder path, Path.Node node) {
        if (node.isInIterable()) {
            appendIndex(path, node);
        }
        if (path.length() > 0) {
            path.append('.');
        }
        path.append(node.getName());
    }

    private static void appendIndex(StringBuilder path, Path.Node node) {
        if (node.getIndex() != null) {
            path.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            path.append('[').append(node.getKey()).append(']');
        }
    }

    /** The client's name for a parameter, or "" for the request body, which has none. */
    private String parameterName(Path.ParameterNode node) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null || node.getParameterIndex() >= method.getParameterCount()) {
            return node.getName();
        }
        for (Annotation annotation : method.getParameterAnnotations()[node.getParameterIndex()]) {
            if (annotation instanceof QueryParam q) {
                return q.value();
            } else if (annotation instanceof PathParam p) {
                return p.value();
            } else if (annotation instanceof HeaderParam h) {
                return h.value();
            } else if (annotation instanceof FormParam f) {
                return f.value();
            } else if (annotation instanceof MatrixParam m) {
                return m.value();
            } else if (annotation instanceof CookieParam c) {
                return c.value();
            }
        }
        return "";
    }
}
