package io.participants.local;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With --jwks-url, tokens are checked against keys fetched from an identity provider's JWKS endpoint. */
class RemoteJwksIntegrationTest {

    private static final String ISSUER = "https://idp.test/";
    private static final String AUDIENCE = "participants-api";

    private final RSAKey key = LocalIssuer.generateKey();
    private HttpServer idp;

    @BeforeEach
    void startIdentityProvider() throws IOException {
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        idp.start();
    }

    @AfterEach
    void stopIdentityProvider() {
        idp.stop(0);
    }

    @Test
    void tokensOfTheProviderPassAndOthersDoNot() {
        JwtAuthorizer authorizer = JwtAuthorizer.remote(
                URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/.well-known/jwks.json"), ISSUER, AUDIENCE);
        String theirs = new LocalIssuer(key, ISSUER, AUDIENCE, Clock.systemUTC())
                .mint("user-1", "acme", List.of("participants:read"), Duration.ofMinutes(5));
        String ours = new LocalIssuer(LocalIssuer.generateKey(), ISSUER, AUDIENCE, Clock.systemUTC())
                .mint("user-1", "acme", List.of("participants:read"), Duration.ofMinutes(5));

        assertThat(authorizer.authorize("Bearer " + theirs, "participants:read"))
                .isInstanceOfSatisfying(JwtAuthorizer.Allowed.class,
                        allowed -> assertThat(allowed.claims()).containsEntry("tenant_id", "acme"));
        assertThat(authorizer.authorize("Bearer " + ours, "participants:read"))
                .isEqualTo(new JwtAuthorizer.Refused(401, "Unauthorized", "Bearer error=\"invalid_token\""));
    }
}
