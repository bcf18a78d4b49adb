package io.participants.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** API Gateway's JWT authorizer: checks a bearer token's signature, iss, aud or client_id, exp, nbf and scope. */
public final class JwtAuthorizer {

    /** The outcome for one request. */
    public sealed interface Decision permits Allowed, Refused {
    }

    /** The token is good: its claims exactly as signed, and its scopes. */
    public record Allowed(Map<String, Object> claims, List<String> scopes) implements Decision {
    }

    /** The gateway's answer instead of calling the function. */
    public record Refused(int status, String message, String challenge) implements Decision {
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String audience;

    public JwtAuthorizer(JWKSource<SecurityContext> keys, String issuer, String audience) {
        this.audience = audience;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // API Gateway ignores `typ`; IdPs' access tokens often say "at+jwt", which nimbus refuses by default.
        processor.setJWSTypeVerifier((type, context) -> { });
        // The audience is checked below: API Gateway falls back to client_id (Cognito access tokens have no aud).
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null));
    }

    /** An authorizer for a real identity provider's keys, fetched (and cached) from its JWKS endpoint. */
    public static JwtAuthorizer remote(URI jwksUrl, String issuer, String audience) {
        try {
            return new JwtAuthorizer(JWKSourceBuilder.create(jwksUrl.toURL()).retrying(true).build(), issuer, audience);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwksUrl, e);
        }
    }

    /** Checks the {@code Authorization} header value (may be null) against the route's {@code requiredScope}. */
    public Decision authorize(String authorization, String requiredScope) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Refused(401, "Unauthorized", "Bearer");
        }
        Map<String, Object> claims;
        try {
            JWT jwt = JWTParser.parse(authorization.substring(7).trim());
            JWTClaimsSet verified = processor.process(jwt, null);
            if (!audienceMatches(verified)) {
                return invalidToken();
            }
            // The signed JSON itself, not nimbus' typed view, so numbers and arrays keep the token's own shape.
            claims = JSONObjectUtils.parse(jwt.getParsedParts()[1].decodeToString());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return invalidToken();
        }
        List<String> scopes = scopes(claims);
        if (!scopes.contains(requiredScope)) {
            return new Refused(403, "Forbidden", "Bearer error=\"insufficient_scope\"");
        }
        return new Allowed(claims, scopes);
    }

    private boolean audienceMatches(JWTClaimsSet claims) throws ParseException {
        List<String> aud = claims.getAudience();
        if (!aud.isEmpty()) {
            return aud.contains(audience);
        }
        return audience.equals(claims.getStringClaim("client_id"));
    }

    private static Refused invalidToken() {
        return new Refused(401, "Unauthorized", "Bearer error=\"invalid_token\"");
    }

    /** API Gateway reads scopes from {@code scope} or {@code scp}, space-separated or as an array. */
    static List<String> scopes(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : new String[] {"scope", "scp"}) {
            Object value = claims.get(name);
            if (value instanceof String text) {
                for (String scope : text.trim().split("\\s+")) {
                    if (!scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
            } else if (value instanceof Collection<?> list) {
                list.forEach(scope -> scopes.add(String.valueOf(scope)));
            }
        }
        return new ArrayList<>(scopes);
    }
}
