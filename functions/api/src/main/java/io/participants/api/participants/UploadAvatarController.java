package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.BodyLimit;
import io.participants.api.http.EntityTags;
import io.participants.api.http.JsonBodyFilter;
import io.participants.api.http.PathIds;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemResponses;
import io.participants.api.http.ProblemType;
import io.participants.api.http.Problems;
import io.participants.api.providers.ImageType;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.AvatarUploadService;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * PUT /v1/tenants/{tenantId}/participants/{participantId}/avatar: an operator's own picture, the image itself as
 * the body. Its type is read from its bytes (PNG, JPEG, GIF or WebP), never from Content-Type, which only has to be
 * one of those or {@code application/octet-stream}.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "upload-participant-avatar",
        defaultValue = "upload-participant-avatar")
@Tag(name = "Participants")
@ProblemResponses
final class UploadAvatarController {

    /**
     * The largest image, 4 MiB. Lambda takes at most 6 MB of synchronous request payload, and API Gateway sends a
     * binary body base64-encoded inside the event, 4/3 of its size: 4 MiB is 5.33 MiB of base64, which leaves room
     * for the event's headers, claims and context. (API Gateway's own 10 MB request limit is never the bound.)
     */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** What Content-Type may say; the bytes alone decide the stored type. */
    private static final java.util.Set<String> DECLARABLE = java.util.Set.of("image/png", "image/jpeg", "image/gif",
            "image/webp", MediaType.APPLICATION_OCTET_STREAM);

    private final AvatarUploadService service;
    private final ParticipantResponses responses;

    UploadAvatarController(AvatarUploadService service, ParticipantResponses responses) {
        this.service = service;
        this.responses = responses;
    }

    // every media type reaches the controller, so that a caller without a token gets 401 before any 415
    @Put(uri = "/v1/tenants/{tenantId}/participants/{participantId}/avatar", consumes = MediaType.ALL)
    @BodyLimit(MAX_BYTES)
    @Operation(operationId = "uploadParticipantAvatar",
            summary = "Set the participant's avatar to an image of your own (at most 4 MiB); honours If-Match",
            description = "The type is read from the image's bytes (PNG, JPEG, GIF or WebP), not from Content-Type."
                    + " The avatar's source becomes UPLOADED, which an automatic sync never replaces.")
    @RequestBody(required = true, description = "The image, at most 4194304 bytes", content = {
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "200", description = "The participant with its new avatar",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ParticipantResponse.class)))
    @ApiResponse(responseCode = "415", description = "The body is no PNG, JPEG, GIF or WebP image (by its bytes),"
            + " or Content-Type is none of the accepted types",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> upload(HttpRequest<?> request, @Parameter(hidden = true) Caller caller, String tenantId,
                           String participantId, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE,
                ParticipantResponses.notFound(participantId));
        var id = PathIds.uuid("participantId", participantId);
        // read as the gateway sent it (base64 decoded), not bound: the binding's errors speak of JSON
        byte[] image = rawBody(request);
        if (image == null || image.length == 0) {
            throw ValidationException.of("body", "is required: the image itself");
        }
        if (!DECLARABLE.contains(request.getContentType()
                .map(type -> type.getName().toLowerCase(java.util.Locale.ROOT)).orElse(""))) {
            return Problems.response(request, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be one of " + String.join(", ", DECLARABLE.stream().sorted().toList()));
        }
        ImageType type = ImageType.sniff(image).orElse(null);
        if (type == null) {
            return Problems.response(request, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The body must be a PNG, JPEG, GIF or WebP image; its bytes are none of them");
        }
        return responses.ok(tenant, service.upload(tenant, id, new AvatarImage(image, type.mediaType()),
                EntityTags.ifMatch(ifMatch)));
    }

    private static byte[] rawBody(HttpRequest<?> request) {
        try {
            return JsonBodyFilter.rawBody(request);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("body", "is not valid base64");
        }
    }
}
