package io.participants.api.participants;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of participants; {@code nextPageToken} is null on the last page. */
@Serdeable
@Schema(name = "ParticipantPage")
public record ParticipantPage(List<ParticipantResponse> results,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
                              String nextPageToken) {
}
