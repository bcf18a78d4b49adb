package io.participants.api.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.participants.api.aws.AwsCalls;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;

/**
 * An AWS call that failed after the SDK's own bounded retries. Throttled, erroring (5xx) or unreachable is a temporary
 * condition for the caller: 503 with a hint to retry. Any other answer (403 AccessDenied, 404 NoSuchBucket, 400, 501)
 * will not change on a retry, since it is the deployment's to fix: 502. The cause goes to the log only, in one line
 * that names the service, the operation, the error code and the HTTP status (never a key, a body or a token).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class StorageErrorHandler implements ExceptionHandler<SdkException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(StorageErrorHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // the framework's interface declares the request raw
    public HttpResponse<Problem> handle(HttpRequest request, SdkException error) {
        // the route is in the request's log context; the path is not logged (it holds ids and addresses)
        String call = AwsCalls.failedWith(error).map(c -> c.service() + " " + c.operation()).orElse("AWS call");
        if (error instanceof AwsServiceException answer && !isTemporary(answer)) {
            LOG.error("AWS call failed on {}: {}", request.getMethodName(), answered(call, answer));
            return Problems.response(request, ProblemType.STORAGE_REFUSED,
                    "A storage service refused the request, and a retry will not change that; the request id"
                            + " identifies the cause in the logs");
        }
        if (error instanceof AwsServiceException answer) {
            LOG.warn("AWS call failed on {}: {}", request.getMethodName(), answered(call, answer));
        } else {
            LOG.warn("AWS call failed on {}: {} had no answer ({}) after {}", request.getMethodName(), call,
                    transportCause(error), attempts(error));
        }
        return Problems.response(request, ProblemType.SERVICE_UNAVAILABLE,
                        "A storage service is temporarily unavailable; retry shortly")
                .header(HttpHeaders.RETRY_AFTER, "1");
    }

    /** Throttling and server errors pass; 501 Not Implemented is a server error that never does. */
    private static boolean isTemporary(AwsServiceException answer) {
        return answer.isThrottlingException() || answer.statusCode() >= 500 && answer.statusCode() != 501;
    }

    /** "S3 PutObject answered 403 AccessDenied after 1 attempt, request id 4QX...". */
    private static String answered(String call, AwsServiceException answer) {
        String requestId = answer.requestId();
        return call + " answered " + answer.statusCode() + " " + errorCode(answer) + " after " + attempts(answer)
                + (requestId == null || requestId.isBlank() ? "" : ", request id " + requestId);
    }

    private static String errorCode(AwsServiceException answer) {
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        // an answer refused before its body was read (Expect: 100-continue) has a status but no error document
        return code == null || code.isBlank() ? "(no error code)" : code;
    }

    private static String attempts(SdkException error) {
        Integer attempts = error.numAttempts();
        return attempts == null ? "an unknown number of attempts" : attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    /**
     * The exception's class, and the innermost I/O error's class and message ("Connection refused", "Read timed
     * out"), which name a transport failure without any of the request's content; other messages are not logged.
     */
    private static String transportCause(SdkException error) {
        IOException io = null;
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException e) {
                io = e;
            }
        }
        String name = error.getClass().getSimpleName();
        return io == null ? name : name + ", " + io.getClass().getSimpleName() + ": " + io.getMessage();
    }
}
