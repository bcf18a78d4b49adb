package io.participants.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway refuses what API Gateway's JWT authorizer would, and relays what the function answers. */
class LocalGatewayTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "participants-api";
    private static final String PATH = "/v1/tenants/acme/participants";

    private static final RSAKey KEY = LocalIssuer.generateKey();

    private final LocalIssuer issuer = new LocalIssuer(KEY, ISSUER, AUDIENCE, Clock.systemUTC());
    private final AtomicReference<APIGatewayV2HTTPEvent> received = new AtomicReference<>();
    private final AtomicReference<Context> receivedContext = new AtomicReference<>();
    private APIGatewayV2HTTPResponse reply = APIGatewayV2HTTPResponse.builder()
            .withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"ok\":true}").build();
    private final LocalGateway gateway = new LocalGateway(
            new JwtAuthorizer(issuer.publicKeys(), ISSUER, AUDIENCE),
            (event, context) -> {
                received.set(event);
                receivedContext.set(context);
                return reply;
            },
            Clock.systemUTC());

    @Test
    void aGoodTokenReachesTheFunction() {
        GatewayResponse response = get(PATH, bearer(issuer.mint("dev", "acme", List.of("participants:read"), Duration.ofMinutes(5))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}");
        assertThat(received.get().getRouteKey()).isEqualTo("GET /v1/tenants/{tenantId}/participants");
        assertThat(receivedContext.get().getFunctionName()).isEqualTo("list-participants");
        assertThat(receivedContext.get().getAwsRequestId()).isEqualTo(received.get().getRequestContext().getRequestId());
    }

    @Test
    void aTokenWithoutAudButWithTheClientIdPasses() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims().build()).audience((String) null)
                .claim("client_id", AUDIENCE).build();

        assertThat(get(PATH, bearer(issuer.sign(claims))).status()).isEqualTo(200);
    }

    @Test
    void aMissingAuthorizationHeaderIsUnauthorized() {
        GatewayResponse response = get(PATH, Map.of());

        assertUnauthorized(response);
        assertThat(response.headers().get("WWW-Authenticate")).containsExactly("Bearer");
    }

    @Test
    void anotherSchemeIsUnauthorized() {
        assertUnauthorized(get(PATH, Map.of("Authorization", List.of("Basic ZGV2OmRldg=="))));
    }

    @Test
    void aMalformedTokenIsUnauthorized() {
        assertUnauthorized(get(PATH, bearer("not.a.jwt")));
    }

    @Test
    void aWrongIssuerIsUnauthorized() {
        assertUnauthorized(get(PATH, bearer(issuer.sign(validClaims().issuer("https://elsewhere.test").build()))));
    }

    @Test
    void aWrongAudienceIsUnauthorized() {
        assertUnauthorized(get(PATH, bearer(issuer.sign(validClaims().audience("another-api").build()))));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertUnauthorized(get(PATH, bearer(issuer.sign(validClaims()
                .issueTime(Date.from(past.minus(Duration.ofMinutes(5)))).notBeforeTime(null)
                .expirationTime(Date.from(past)).build()))));
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() {
        assertUnauthorized(get(PATH, bearer(issuer.sign(validClaims().expirationTime(null).build()))));
    }

    @Test
    void aNotYetValidTokenIsUnauthorized() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        assertUnauthorized(get(PATH, bearer(issuer.sign(validClaims()
                .notBeforeTime(Date.from(later)).expirationTime(Date.from(later.plus(Duration.ofHours(1)))).build()))));
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        assertUnauthorized(get(PATH, bearer(new PlainJWT(validClaims().build()).serialize())));
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKeyIdIsUnauthorized() throws JOSEException {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(KEY.getKeyID()).algorithm(JWSAlgorithm.RS256).generate();
        LocalIssuer forged = new LocalIssuer(impostor, ISSUER, AUDIENCE, Clock.systemUTC());

        assertUnauthorized(get(PATH, bearer(forged.sign(validClaims().build()))));
    }

    @Test
    void aTokenWithoutTheRoutesScopeIsForbidden() {
        GatewayResponse response = get(PATH, bearer(issuer.mint("dev", "acme", List.of("participants:write"), Duration.ofMinutes(5))));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(received.get()).isNull();
    }

    @Test
    void scopesMayComeAsAnScpArray() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims().build()).claim("scope", null)
                .claim("scp", List.of("participants:read")).build();

        assertThat(get(PATH, bearer(issuer.sign(claims))).status()).isEqualTo(200);
    }

    @Test
    void theOAuthCallbackReachesTheFunctionWithoutAnyTokenCheck() {
        for (Map<String, List<String>> headers : List.<Map<String, List<String>>>of(Map.of(),
                bearer("not.a.jwt"), Map.of("Authorization", List.of("Basic ZGV2OmRldg==")))) {
            received.set(null);

            GatewayResponse response = get("/v1/oauth/slack/callback", headers);

            assertThat(response.status()).isEqualTo(200);
            assertThat(received.get().getRouteKey()).isEqualTo("GET /v1/oauth/slack/callback");
            assertThat(received.get().getRequestContext().getAuthorizer()).isNull();
        }
    }

    @Test
    void anUnknownRouteIsNotFoundBeforeAnyTokenCheck() {
        GatewayResponse response = get("/v1/elsewhere", Map.of());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void aBodyOverTenMebibytesIsTooLarge() {
        GatewayResponse response = gateway.handle(new GatewayRequest("POST", PATH, null,
                Map.of("Content-Type", List.of("application/json")), new byte[LocalGateway.MAX_BODY_BYTES + 1],
                "127.0.0.1", "HTTP/1.1"));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void aFailingFunctionIsAnInternalServerError() {
        LocalGateway failing = new LocalGateway(new JwtAuthorizer(issuer.publicKeys(), ISSUER, AUDIENCE),
                (event, context) -> {
                    throw new IllegalStateException("boom (expected by this test)");
                }, Clock.systemUTC());

        GatewayResponse response = failing.handle(request("GET", PATH, validToken()));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void theFunctionsResponseBecomesHttp() {
        reply = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "image/png", "Content-Length", "999"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Origin")))
                .withCookies(List.of("a=1; Path=/", "b=2"))
                .withBody(Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .withIsBase64Encoded(true)
                .build();

        GatewayResponse response = get(PATH, validToken());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsExactly((byte) 0x89, 'P', 'N', 'G');
        assertThat(response.headers().get("Content-Type")).containsExactly("image/png");
        assertThat(response.headers().get("Vary")).containsExactly("Accept", "Origin");
        assertThat(response.headers().get("Set-Cookie")).containsExactly("a=1; Path=/", "b=2");
        assertThat(response.headers()).doesNotContainKey("Content-Length");
    }

    private void assertUnauthorized(GatewayResponse response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().get("Content-Type")).containsExactly("application/json");
        assertThat(received.get()).isNull();
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("dev")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant_id", "acme")
                .claim("scope", "participants:read");
    }

    private Map<String, List<String>> validToken() {
        return bearer(issuer.sign(validClaims().build()));
    }

    private static Map<String, List<String>> bearer(String token) {
        return Map.of("Authorization", List.of("Bearer " + token));
    }

    private GatewayResponse get(String path, Map<String, List<String>> headers) {
        return gateway.handle(request("GET", path, headers));
    }

    private static GatewayRequest request(String method, String path, Map<String, List<String>> headers) {
        return new GatewayRequest(method, path, null, headers, "".getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1");
    }
}
