package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.connection.ConnectionService;
import io.participants.domain.integration.Provider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * GET /v1/oauth/microsoft/callback?code=&state=: where the Microsoft identity platform sends the operator's browser
 * after consent (the authorization URL's {@code redirect_uri}). Like Slack's callback, the one kind of route without
 * a JWT: the signed, single-use state names the tenant and config and authenticates the request. The code is
 * exchanged at the token endpoint, the access and refresh tokens stored in Secrets Manager and the config marked
 * connected; a forged, expired or reused state, or Microsoft's refusal, stores nothing and answers a problem.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "microsoft-oauth-callback",
        defaultValue = "microsoft-oauth-callback")
@Tag(name = "Integration configs")
@ProblemResponses
final class MicrosoftOAuthCallbackController {

    private final ConnectionService connections;

    MicrosoftOAuthCallbackController(ConnectionService connections) {
        this.connections = connections;
    }

    @Get(uri = "/v1/oauth/microsoft/callback{?code,state,error}", headRoute = false)
    @SecurityRequirements
    @Operation(operationId = "microsoftOAuthCallback",
            summary = "Microsoft's OAuth redirect: completes a Teams config's connection"
                    + " (no JWT; the state authenticates it)")
    @ApiResponse(responseCode = "502", description = "Microsoft failed or answered something unusable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<IntegrationConfigResponse> callback(@QueryValue @Nullable String code,
                                                     @QueryValue @Nullable String state,
                                                     @QueryValue @Nullable String error) {
        return HttpResponse.ok(IntegrationConfigResponse.from(
                        connections.complete(Provider.MICROSOFT_TEAMS, code, state, error)))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                // the URL carried a one-time code: keep it out of caches and out of any page's Referer
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer");
    }
}
