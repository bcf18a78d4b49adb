package io.participants.domain.activation;

/**
 * The text of an inbound message as it is kept and published when its config turns {@code messageTextInEvents} on:
 * at most {@link #MAX_CHARACTERS} characters (code points, as the API counts every length), cut on a code point
 * boundary, with {@code truncated} saying whether anything was cut. Never printed by {@link #toString()}.
 */
public record MessageText(String text, boolean truncated) {

    /**
     * Telegram's own limit for a message's text (4,096 characters), so a Telegram text is never cut; Twilio's SMS
     * bodies are at most 1,600. Kept small enough for the record (at most 16 KiB of UTF-8) and the event.
     */
    public static final int MAX_CHARACTERS = 4096;

    private static final int REPLACEMENT = 0xFFFD;

    /**
     * The text of {@code raw} within the cap, a lone surrogate (no Unicode text, and no string DynamoDB stores) as
     * U+FFFD; null when there is none (a photo without a caption, a file).
     */
    public static MessageText of(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(raw.length(), 2 * MAX_CHARACTERS));
        int count = 0;
        int i = 0;
        while (i < raw.length()) {
            if (count == MAX_CHARACTERS) {
                return new MessageText(kept.toString(), true);
            }
            int codePoint = raw.codePointAt(i);
            i += Character.charCount(codePoint);
            boolean loneSurrogate = codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
            kept.appendCodePoint(loneSurrogate ? REPLACEMENT : codePoint);
            count++;
        }
        return new MessageText(kept.toString(), false);
    }

    /** Never the text: a message's words are no log's business. */
    @Override
    public String toString() {
        return "MessageText[characters=" + text.codePointCount(0, text.length()) + ", truncated=" + truncated + "]";
    }
}
