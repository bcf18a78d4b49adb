package io.participants.api.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;

/** Where to send the operator's browser to connect an integration config. */
@Serdeable
@Schema(name = "Authorization")
public record AuthorizationResponse(
        @Schema(description = "The provider's consent page; its state is single-use and expires within 10 minutes")
        URI authorizationUrl,
        @Schema(description = "When the state in the URL stops being accepted (epoch millis)")
        long expiresAt) {
}
