package io.participants.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.participants.domain.common.FieldError;

import java.util.List;

/** Builds problem responses; the only place that sets the problem media type. */
public final class Problems {

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String detail) {
        return response(request, type, detail, null);
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String detail,
                                                        List<FieldError> errors) {
        return response(request, type, type.uri(), detail, errors);
    }

    /** A problem of {@code type}'s status and title, with a more specific type URI (a conflict's reason, say). */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String typeUri,
                                                        String detail, List<FieldError> errors) {
        Problem problem = forFamily(request, new Problem(typeUri, type.title(), type.status().getCode(), detail,
                request == null ? null : request.getPath(),
                errors == null ? null : errors.stream().map(e -> new Problem.InvalidField(e.field(), e.reason())).toList()));
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).contentType(Problem.MEDIA_TYPE)
                .body(problem);
    }

    /**
     * The two API families answer invalid input differently: the v1 directory with 400, the conversations family
     * (under /workspaces, as its public API page defines) with 422. Every 400 of that family becomes a 422.
     */
    public static Problem forFamily(HttpRequest<?> request, Problem problem) {
        if (problem.status() != 400 || request == null || !request.getPath().startsWith("/workspaces/")) {
            return problem;
        }
        ProblemType type = ProblemType.VALIDATION_FAILED;
        return new Problem(type.uri(), type.title(), type.status().getCode(), problem.detail(), problem.instance(),
                problem.errors());
    }
}
