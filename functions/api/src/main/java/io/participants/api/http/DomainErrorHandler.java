package io.participants.api.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.DomainException;
import io.participants.domain.common.ForbiddenException;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.common.ValidationException;
import jakarta.inject.Singleton;

/** Turns every domain error into its problem response, in this one place. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = DomainException.class)
public final class DomainErrorHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    @Override
    @SuppressWarnings("rawtypes") // the framework's interface declares the request raw
    public HttpResponse<Problem> handle(HttpRequest request, DomainException error) {
        if (error instanceof ValidationException invalid) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, invalid.getMessage(), invalid.errors());
        }
        if (error instanceof NotFoundException) {
            return Problems.response(request, ProblemType.NOT_FOUND, error.getMessage());
        }
        if (error instanceof ConflictException conflict) {
            return Problems.response(request, ProblemType.CONFLICT, ProblemType.PREFIX + conflict.reason(),
                    conflict.getMessage(), null);
        }
        if (error instanceof RefusedException refused) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, ProblemType.PREFIX + refused.reason(),
                    refused.getMessage(), null);
        }
        if (error instanceof ConcurrentModificationException) {
            return Problems.response(request, ProblemType.CONFLICT, ProblemType.PREFIX + "concurrent-modification",
                    error.getMessage(), null);
        }
        if (error instanceof PreconditionFailedException) {
            return Problems.response(request, ProblemType.PRECONDITION_FAILED, error.getMessage());
        }
        if (error instanceof ForbiddenException) {
            return Problems.response(request, ProblemType.FORBIDDEN, error.getMessage());
        }
        if (error instanceof UnauthenticatedException) {
            return Problems.response(request, ProblemType.UNAUTHENTICATED, error.getMessage())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return Problems.response(request, ProblemType.INTERNAL, "An unexpected error occurred");
    }
}
