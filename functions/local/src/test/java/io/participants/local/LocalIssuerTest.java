package io.participants.local;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local issuer keeps one key in the data directory, so `token` and `serve` agree across runs. */
class LocalIssuerTest {

    @TempDir
    Path dataDir;

    @Test
    void aTokenCarriesTheClaimsTheApiReads() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(dataDir, "participants-local", "participants-api");

        SignedJWT jwt = SignedJWT.parse(issuer.mint("dev-user", "acme",
                List.of("participants:read", "participants:write"), Duration.ofSeconds(600)));

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(claims.getIssuer()).isEqualTo("participants-local");
        assertThat(claims.getAudience()).containsExactly("participants-api");
        assertThat(claims.getSubject()).isEqualTo("dev-user");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo("acme");
        assertThat(claims.getStringClaim("scope")).isEqualTo("participants:read participants:write");
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void theKeyIsKeptAndReusedPrivately() throws Exception {
        String token = LocalIssuer.open(dataDir, "participants-local", "participants-api")
                .mint("dev-user", "acme", List.of("participants:read"), Duration.ofMinutes(5));
        LocalIssuer reopened = LocalIssuer.open(dataDir, "participants-local", "participants-api");

        JwtAuthorizer authorizer = new JwtAuthorizer(reopened.publicKeys(), "participants-local", "participants-api");
        assertThat(authorizer.authorize("Bearer " + token, "participants:read"))
                .isInstanceOf(JwtAuthorizer.Allowed.class);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(LocalIssuer.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
