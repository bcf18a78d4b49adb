package io.participants.domain.common;

/** A validated page size and the opaque token of the page to read (null for the first). */
public record PageRequest(int limit, String pageToken) {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_TOKEN_LENGTH = 1024;

    /** Validates raw query values; {@code defaultLimit} applies when the caller gives none. */
    public static PageRequest of(Integer limit, String pageToken, int defaultLimit) {
        Violations violations = new Violations();
        int effective = limit == null ? defaultLimit : limit;
        violations.check(effective >= 1 && effective <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
        String token = pageToken == null || pageToken.isEmpty() ? null : pageToken;
        violations.check(token == null || token.length() <= MAX_TOKEN_LENGTH, "pageToken", "is not a valid page token");
        violations.throwIfAny();
        return new PageRequest(effective, token);
    }
}
