package io.participants.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
        Problem problem = new Problem(typeUri, type.title(), type.status().getCode(), detail,
                request == null ? null : request.getPath(),
                errors == null ? null : errors.stream().map(e -> new Problem.InvalidField(e.field(), e.reason())).toList());
        return HttpResponse.<Problem>status(type.status()).contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
