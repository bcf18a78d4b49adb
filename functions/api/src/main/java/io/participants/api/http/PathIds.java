package io.participants.api.http;

import io.participants.domain.common.Ids;
import io.participants.domain.common.ValidationException;

import java.util.UUID;

/** Reads UUIDs from path segments; a malformed one is a 400 naming the parameter. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID uuid(String name, String value) {
        return Ids.parse(value).orElseThrow(() -> ValidationException.of(name, "must be a UUID"));
    }
}
