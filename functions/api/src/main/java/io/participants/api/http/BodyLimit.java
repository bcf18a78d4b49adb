package io.participants.api.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route's own body limit in bytes, in place of {@link BodyLimitFilter#MAX_BODY_BYTES}: only for a route whose body
 * is no small JSON document (an avatar upload), so that every other route keeps the small limit.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {

    /** The largest body the route takes, decoded (a base64 body counts as the bytes it stands for). */
    int value();
}
