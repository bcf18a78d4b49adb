package io.participants.domain.avatar;

import java.time.Duration;

/**
 * A provider or its image host could not give an avatar, and why. The reason decides the caller's answer: a
 * refusal about the request (400), a temporary condition (503, with a delay: a rate limit, or no time left), or a
 * bad upstream (502).
 */
public final class ProviderFailure extends RuntimeException {

    /** Why the avatar could not be had. */
    public enum Reason {
        /** The address is not a user, or the user has no custom image (a default avatar). */
        NO_IMAGE,
        /** The provider refused the stored token (revoked, invalid, or the account is inactive). */
        TOKEN_REJECTED,
        /** The provider asked to slow down and the request had no time left to wait. */
        RATE_LIMITED,
        /** The provider failed (5xx) or did not answer within its own time limit. */
        UNAVAILABLE,
        /** The request had no time left to call the provider, wait for its answer, or wait out its rate limit. */
        OUT_OF_TIME,
        /** The image failed a download guard: scheme, host, redirect, size or content. */
        IMAGE_REFUSED
    }

    private final Reason reason;
    private final Duration retryAfter;

    public ProviderFailure(Reason reason, String message) {
        this(reason, message, null);
    }

    public ProviderFailure(Reason reason, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#RATE_LIMITED}: how long the provider asked to wait; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
