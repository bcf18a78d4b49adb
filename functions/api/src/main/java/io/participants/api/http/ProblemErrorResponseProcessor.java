package io.participants.api.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Renders the errors the framework raises itself (no route, wrong method or media type, an unreadable body, an
 * unexpected exception) as problem details, so that every error of the API has one shape. Framework messages
 * are cut to one short line, and a server error never shows its cause to the caller.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    private static final int MAX_DETAIL = 300;

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        ProblemType type = ProblemType.forStatus(status);
        String detail;
        if (status >= 500) {
            context.getRootCause().ifPresent(cause -> LOG.error("Unhandled error on {} {}",
                    context.getRequest().getMethodName(), context.getRequest().getPath(), cause));
            detail = "An unexpected error occurred; the request id identifies it in the logs";
        } else if (status == 400) {
            type = ProblemType.MALFORMED_BODY;
            detail = firstMessage(context.getErrors(), "The request could not be read");
        } else {
            detail = firstMessage(context.getErrors(), type.title());
        }
        Problem problem = new Problem(type.uri(), type.title(), status, detail, context.getRequest().getPath(), null);
        return base.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static String firstMessage(List<Error> errors, String fallback) {
        if (errors.isEmpty() || errors.get(0).getMessage() == null) {
            return fallback;
        }
        String message = errors.get(0).getMessage().lines().findFirst().orElse(fallback);
        return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    }
}
