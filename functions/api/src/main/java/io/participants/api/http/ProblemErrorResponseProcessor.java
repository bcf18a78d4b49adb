package io.participants.api.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.participants.domain.common.FieldError;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Renders the errors the framework raises itself (no route, wrong method or media type, an unreadable body, an
 * unexpected exception) as problem details, so that every error of the API has one shape. Framework messages
 * name internal classes and parser state, so a 400 is described in the API's own words (naming the field where
 * the framework knows it), other client errors keep one short line, and a server error never shows its cause.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    private static final int MAX_DETAIL = 300;

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        String instance = context.getRequest().getPath();
        Problem problem;
        if (status >= 500) {
            context.getRootCause().ifPresent(cause -> LOG.error("Unhandled error on {} {}",
                    context.getRequest().getMethodName(), instance, cause));
            ProblemType type = ProblemType.forStatus(status);
            problem = new Problem(type.uri(), type.title(), status,
                    "An unexpected error occurred; the request id identifies it in the logs", instance, null);
        } else if (status == 400) {
            problem = badRequest(context.getRequest(), context.getRootCause().orElse(null));
        } else {
            ProblemType type = ProblemType.forStatus(status);
            problem = new Problem(type.uri(), type.title(), status, firstMessage(context.getErrors(), type.title()),
                    instance, null);
        }
        problem = Problems.forFamily(context.getRequest(), problem);
        return base.status(problem.status()).contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /**
     * A query value of the wrong type or a body field the JSON binding refused is an invalid request naming the
     * field; otherwise, on a route that takes a body, the body is no JSON object at all.
     */
    private static Problem badRequest(HttpRequest<?> request, @Nullable Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConversionErrorException conversion
                    && !conversion.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return invalid(request, new FieldError(conversion.getArgument().getName(),
                        expected(conversion.getArgument())));
            }
            if (t instanceof SerdeException serde) {
                FieldError field = bodyField(serde);
                if (field != null) {
                    return invalid(request, field);
                }
                break;
            }
        }
        boolean takesBody = RouteAttributes.getRouteInfo(request).flatMap(RouteInfo::getRequestBodyType).isPresent();
        ProblemType type = takesBody ? ProblemType.MALFORMED_BODY : ProblemType.INVALID_REQUEST;
        return new Problem(type.uri(), type.title(), type.status().getCode(),
                takesBody ? "The request body must be a JSON object" : type.title(), request.getPath(), null);
    }

    private static Problem invalid(HttpRequest<?> request, FieldError field) {
        ProblemType type = ProblemType.INVALID_REQUEST;
        return new Problem(type.uri(), type.title(), type.status().getCode(), field.field() + ": " + field.reason(),
                request.getPath(), List.of(new Problem.InvalidField(field.field(), field.reason())));
    }

    /** The body field a serde error is about, as a JSON path such as {@code channels[1].priority}; null if none. */
    @Nullable
    private static FieldError bodyField(SerdeException error) {
        List<ReferencePath> path = error.getPath();
        if (path.isEmpty()) {
            return null;
        }
        boolean notAnArray = innermostMessage(error).contains("expected START_ARRAY");
        StringBuilder field = new StringBuilder();
        // The serde lists the path innermost first, and puts a list that is no array at all at its item 0.
        for (int i = path.size() - 1; i >= (notAnArray ? 1 : 0); i--) {
            ReferencePath step = path.get(i);
            if (step instanceof PropertyReferencePath property) {
                field.append(field.length() == 0 ? "" : ".").append(property.property().getName());
            } else if (step instanceof CollectionItemReferencePath item) {
                field.append('[').append(item.index()).append(']');
            } else if (step instanceof MapItemReferencePath entry) {
                field.append('.').append(entry.key());
            }
        }
        return new FieldError(field.toString(), notAnArray ? "must be an array" : reason(error, path.get(0)));
    }

    private static String reason(SerdeException error, ReferencePath innermost) {
        String message = innermostMessage(error);
        if (message.startsWith("Unknown property")) {
            return "is not a known field";
        }
        if (message.startsWith("must be ")) {
            // The words of StrictJsonScalars.
            return message;
        }
        Argument<?> argument = innermost instanceof CollectionItemReferencePath item
                ? item.collectionArgument().getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT)
                : innermost.getArgument();
        return expected(argument);
    }

    /** The first line of the deepest serde message: the outer ones repeat it with type names around it. */
    private static String innermostMessage(SerdeException error) {
        Throwable deepest = error;
        while (deepest.getCause() instanceof SerdeException cause && cause != deepest) {
            deepest = cause;
        }
        String message = deepest.getMessage() == null ? "" : deepest.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }

    private static String expected(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String firstMessage(List<Error> errors, String fallback) {
        if (errors.isEmpty() || errors.get(0).getMessage() == null) {
            return fallback;
        }
        String message = errors.get(0).getMessage().lines().findFirst().orElse(fallback);
        return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    }
}
