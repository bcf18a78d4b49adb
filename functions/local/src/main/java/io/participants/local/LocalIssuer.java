package io.participants.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

/** The local identity provider: an RS256 key kept in the data directory, which signs dev tokens. */
public final class LocalIssuer {

    public static final String DEFAULT_ISSUER = "participants-local";
    public static final String DEFAULT_AUDIENCE = "participants-api";
    static final String KEY_FILE = "issuer-key.json";

    private final RSAKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    LocalIssuer(RSAKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** The issuer whose key is in {@code dataDir}, creating the key on first use. */
    public static LocalIssuer open(Path dataDir, String issuer, String audience) {
        return new LocalIssuer(loadOrCreateKey(dataDir.resolve(KEY_FILE)), issuer, audience, Clock.systemUTC());
    }

    /** A signed token for {@code tenant} with {@code scopes}, valid from now for {@code ttl}. */
    public String mint(String subject, String tenant, Collection<String> scopes, Duration ttl) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant_id", tenant)
                .claim("scope", String.join(" ", scopes))
                .build());
    }

    /** Signs any claims with the issuer's key; tests use it for tokens {@link #mint} would never make. */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return jwt.serialize();
    }

    /** The public half of the key, as the authorizer's JWKS. */
    public JWKSource<SecurityContext> publicKeys() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
    }

    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                RSAKey key = generateKey();
                try {
                    // CREATE_NEW: a `token` racing a first `serve` must not overwrite the key the other one uses.
                    Files.writeString(Files.createFile(file, ownerOnly()), key.toJSONString(), StandardCharsets.UTF_8,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // the other process won; read its key
                }
            }
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("Not a JWK: " + file + " (delete it to get a new key)", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}
