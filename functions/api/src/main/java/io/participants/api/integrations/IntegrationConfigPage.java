package io.participants.api.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.common.Page;
import io.participants.domain.integration.IntegrationConfig;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of integration configs; {@code nextPageToken} is null on the last page. */
@Serdeable
@Schema(name = "IntegrationConfigPage")
public record IntegrationConfigPage(List<IntegrationConfigResponse> results,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
                                    String nextPageToken) {

    static IntegrationConfigPage of(Page<IntegrationConfig> page) {
        return new IntegrationConfigPage(page.results().stream().map(IntegrationConfigResponse::from).toList(),
                page.nextPageToken());
    }
}
