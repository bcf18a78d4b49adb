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
 * GET /v1/oauth/slack/callback?code=&state=: where Slack sends the operator's browser after consent. The one route
 * without a JWT: the signed, single-use state names the tenant and config and authenticates the request. The code
 * is exchanged, the bot token stored in Secrets Manager and the config marked connected; a forged, expired or
 * reused state, or Slack's refusal, stores nothing and answers a problem.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "slack-oauth-callback",
        defaultValue = "slack-oauth-callback")
@Tag(name = "Integration configs")
@ProblemResponses
final class SlackOAuthCallbackController {

    private final ConnectionService connections;

    SlackOAuthCallbackController(ConnectionService connections) {
        this.connections = connections;
    }

    @Get(uri = "/v1/oauth/slack/callback{?code,state,error}", headRoute = false)
    @SecurityRequirements
    @Operation(operationId = "slackOAuthCallback",
            summary = "Slack's OAuth redirect: completes a config's connection (no JWT; the state authenticates it)")
    @ApiResponse(responseCode = "502", description = "Slack failed or answered something unusable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<IntegrationConfigResponse> callback(@QueryValue @Nullable String code,
                                                     @QueryValue @Nullable String state,
                                                     @QueryValue @Nullable String error) {
        return HttpResponse.ok(IntegrationConfigResponse.from(connections.complete(Provider.SLACK, code, state, error)))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                // the URL carried a one-time code: keep it out of caches and out of any page's Referer
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer");
    }
}
