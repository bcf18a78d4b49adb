package io.participants.api.participants;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.common.Page;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantHealth;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One page of participants; {@code nextPageToken} is null on the last page. */
@Serdeable
@Schema(name = "ParticipantPage")
public record ParticipantPage(List<ParticipantResponse> results,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
                              String nextPageToken) {

    static ParticipantPage of(Page<Participant> page, Map<UUID, ParticipantHealth> health) {
        return new ParticipantPage(page.results().stream()
                .map(p -> ParticipantResponse.from(p, health.get(p.id()))).toList(), page.nextPageToken());
    }
}
