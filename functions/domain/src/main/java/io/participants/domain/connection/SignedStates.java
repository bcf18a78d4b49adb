package io.participants.domain.connection;

import io.participants.domain.common.Ids;
import io.participants.domain.common.TenantId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Encodes an {@link OAuthState} as {@code v1.<payload>.<signature>}, both base64url, the signature an HMAC-SHA256 of
 * the payload under a server-side key, and decodes only states whose signature checks out. The payload is not
 * secret (tenant, config, nonce, expiry) but cannot be altered or made up without the key.
 */
public final class SignedStates {

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_LENGTH = 512;
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Supplier<byte[]> key;

    /** @param key the HMAC key, read when needed so a rotated key takes effect; at least 32 bytes */
    public SignedStates(Supplier<byte[]> key) {
        this.key = key;
    }

    public String encode(OAuthState state) {
        String payload = state.tenant().value() + "|" + state.integrationConfigId() + "|" + state.nonce() + "|"
                + state.expiresAt();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + encoded + "." + ENCODER.encodeToString(sign(encoded));
    }

    /** The state, when {@code value} is one this service signed; empty for anything else. */
    public Optional<OAuthState> decode(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        byte[] signature;
        String payload;
        try {
            signature = DECODER.decode(parts[2]);
            payload = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, sign(parts[1]))) {
            return Optional.empty();
        }
        String[] fields = payload.split("\\|", -1);
        if (fields.length != 4 || !TenantId.isValid(fields[0]) || !NONCE.matcher(fields[2]).matches()) {
            return Optional.empty();
        }
        Optional<UUID> config = Ids.parse(fields[1]);
        try {
            return config.map(id -> new OAuthState(new TenantId(fields[0]), id, fields[2], Long.parseLong(fields[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String encodedPayload) {
        byte[] secret = key.get();
        if (secret == null || secret.length < 32) {
            throw new IllegalStateException("the OAuth state key must be at least 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
