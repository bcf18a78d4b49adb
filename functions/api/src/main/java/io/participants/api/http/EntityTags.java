package io.participants.api.http;

/** Versions as strong entity tags ({@code "7"}) and If-Match headers back as versions. */
public final class EntityTags {

    /** A version no stored entity has: an If-Match that names no version of ours never matches. */
    private static final long NEVER = -1;

    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version If-Match asks for: null when absent or {@code *} (the resource exists, which the lookup checks).
     * Of a tag list only the first tag of ours counts, as the service compares one version: {@code "2", "7"} matches
     * version 2 but {@code "7", "2"} does not, where RFC 9110 would match either.
     */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                try {
                    return Long.parseLong(t.substring(1, t.length() - 1));
                } catch (NumberFormatException e) {
                    // not one of our tags; try the next
                }
            }
        }
        return NEVER;
    }
}
