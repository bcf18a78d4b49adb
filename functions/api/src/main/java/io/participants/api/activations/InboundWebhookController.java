package io.participants.api.activations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.BodyLimit;
import io.participants.api.http.JsonBodyFilter;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.activation.ActivationService;
import io.participants.domain.activation.InboundEvent;
import io.participants.domain.activation.InboundRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.common.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /v1/webhooks/{tenantId}?key={webhookKey}: where providers deliver a channel's inbound messages (Slack's
 * Events API, Telegram's webhook, Twilio's messaging webhook). No JWT: the secret key in the URL and the provider's
 * signature authenticate the request; an unknown or rotated-away key, a bad signature or a stale timestamp answers
 * 401 and records nothing. The key is a query parameter so that no logged path (API Gateway's access log) and no
 * problem's {@code instance} holds it. The body is read raw (signatures cover its bytes), capped, never logged
 * and never kept whole: only a message's text, when its config turns {@code messageTextInEvents} on.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.RECEIVE_WEBHOOK,
        defaultValue = FunctionCatalog.RECEIVE_WEBHOOK)
@Tag(name = "Activations")
@ProblemResponses
final class InboundWebhookController {

    /** Slack's events and Telegram's updates are a few KiB; a larger body is no provider's message. */
    static final int MAX_BODY_BYTES = 32 * 1024;

    private final ActivationService activations;
    private final WebhookAddress address;
    private final Clock clock;

    InboundWebhookController(ActivationService activations, WebhookAddress address, Clock clock) {
        this.activations = activations;
        this.address = address;
        this.clock = clock;
    }

    /** The answer to a provider: the challenge of Slack's {@code url_verification}, or nothing to say. */
    @Serdeable
    @Schema(name = "WebhookAnswer")
    record ChallengeResponse(@Schema(nullable = true, description = "Slack's url_verification challenge, echoed")
                             String challenge) {
    }

    @Post(uri = "/v1/webhooks/{tenantId}{?key}",
            consumes = {MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN},
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @BodyLimit(MAX_BODY_BYTES)
    @SecurityRequirements
    @Operation(operationId = "receiveWebhook",
            summary = "A provider's inbound message to a channel activation (no JWT; the key and signature"
                    + " authenticate it)")
    @ApiResponse(responseCode = "200", description = "Verified: a message recorded (once per provider message id),"
            + " something ignored, or Slack's url_verification answered with its challenge",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChallengeResponse.class)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string",
                            description = "Microsoft Graph's validationToken, decoded, echoed to validate a"
                                    + " subscription's notification URL (a per-binding activation's key only)"))})
    @Parameter(name = "validationToken", in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
            description = "Microsoft Graph's subscription validation token, percent-encoded (per-binding"
                    + " activations; read from the raw query, at most 1,024 characters decoded)",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "202", description = "Microsoft Graph change notifications to a per-binding"
            + " activation, every clientState checked: created chat messages recorded (once per resourceData.id),"
            + " lifecycle notifications accepted")
    HttpResponse<?> receive(HttpRequest<?> request, String tenantId,
                                            @QueryValue @Nullable
                                            @Parameter(description = "The webhook's secret key") String key) {
        if (!TenantId.isValid(tenantId)) {
            throw new UnauthenticatedException("The webhook key is unknown, rotated away or its signature does not"
                    + " check out");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        byte[] body;
        try {
            body = JsonBodyFilter.rawBody(request);
        } catch (IllegalArgumentException e) {
            // the gateway's event says base64 and the body is not: no provider sent it
            throw ValidationException.of("body", "is not valid base64");
        }
        String query = request.getUri().getRawQuery();
        String url = address.urls().base() + tenantId + (query == null ? "" : "?" + query);
        InboundEvent event = activations.receive(new TenantId(tenantId), key,
                new InboundRequest(url, headers, body, clock.millis()));
        if (event instanceof InboundEvent.Validation validation) {
            // Graph wants the token back as plain text, within 10 seconds; nothing is recorded
            return HttpResponse.ok(validation.token()).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .header("X-Content-Type-Options", "nosniff");
        }
        if (event instanceof InboundEvent.Notifications) {
            return HttpResponse.accepted();
        }
        if (event instanceof InboundEvent.Challenge challenge) {
            return HttpResponse.ok(new ChallengeResponse(challenge.challenge()));
        }
        return HttpResponse.ok(new ChallengeResponse(null));
    }
}
