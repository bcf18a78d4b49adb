package io.participants.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Carries the API's OpenAPI metadata; the document itself is generated from the controllers at build time. */
@OpenAPIDefinition(
        info = @Info(title = "participants-api", version = "1",
                description = "Per-tenant directory of participants, their channels and integration configs."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class ApiDefinition {

    private ApiDefinition() {
    }
}
