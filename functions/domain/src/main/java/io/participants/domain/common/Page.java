package io.participants.domain.common;

import java.util.List;
import java.util.function.Function;

/** One page of results and the opaque token of the next page, null on the last one. */
public record Page<T>(List<T> results, String nextPageToken) {

    public Page {
        results = List.copyOf(results);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(results.stream().map(mapper).toList(), nextPageToken);
    }
}
