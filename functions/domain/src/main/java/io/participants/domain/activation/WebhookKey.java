package io.participants.domain.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook's secret key, the last segment of its URL: a public prefix ({@code whk_} and 12 hex digits, 48 random
 * bits) that finds the stored key, then 256 random bits. Only the prefix and a SHA-256 hash of the whole key are
 * stored, so the full key exists only in the answer that generated it; {@link #toString()} shows only the prefix.
 */
public record WebhookKey(String prefix, String value) {

    private static final Pattern FORMAT = Pattern.compile("(whk_[0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A new key from {@code random} (a {@link SecureRandom} outside tests). */
    public static WebhookKey generate(SecureRandom random) {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String prefix = "whk_" + HexFormat.of().formatHex(id);
        return new WebhookKey(prefix, prefix + "_" + BASE64URL.encodeToString(secret));
    }

    /** The prefix of a presented key, or empty when it is not shaped as a key at all (nothing to look up). */
    public static Optional<String> prefixOf(String presented) {
        if (presented == null || presented.length() > 80) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(presented);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The stored form of a key (or of any secret token): base64url of its SHA-256. */
    public static String hash(String secret) {
        return BASE64URL.encodeToString(sha256(secret));
    }

    /** Whether {@code presented} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), Base64.getUrlDecoder().decode(storedHash));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A random secret token for providers that echo one in a header (Telegram's {@code secret_token}). */
    public static String secretToken(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return BASE64URL.encodeToString(secret);
    }

    @Override
    public String toString() {
        return "WebhookKey[prefix=" + prefix + ", value=***]";
    }
}
