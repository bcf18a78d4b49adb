package io.participants.api.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.dynamodb.DynamoDirectoryLookup;
import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.domain.conversation.ConversationService;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;

/**
 * Wires the domain to its adapters. Beans are created on first use, so a function builds only the clients its
 * route needs; clients are synchronous on the JDK's HTTP stack and built once per container.
 */
@Factory
public final class ServiceFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    DynamoDbClient dynamoDbClient(@Value("${participants.dynamodb.endpoint:}") String endpoint) {
        var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    @Singleton
    ParticipantStore participantStore(DynamoDbClient client, @Value("${participants.table-name}") String table) {
        return new DynamoParticipantStore(client, table, ParticipantService.MAX_AGENTS);
    }

    @Singleton
    IntegrationConfigStore integrationConfigStore(DynamoDbClient client,
                                                  @Value("${participants.table-name}") String table, Clock clock) {
        return new DynamoIntegrationConfigStore(client, table, clock);
    }

    @Singleton
    ParticipantService participantService(ParticipantStore participants, IntegrationConfigStore configs, Clock clock) {
        return new ParticipantService(participants, configs, clock);
    }

    @Singleton
    ConversationService conversationService(DynamoDbClient client, @Value("${participants.table-name}") String table,
                                            ParticipantStore participants, Clock clock) {
        return new ConversationService(new DynamoConversationStore(client, table),
                new DynamoDirectoryLookup(client, table, participants), clock);
    }

    @Singleton
    IntegrationConfigService integrationConfigService(IntegrationConfigStore configs, Clock clock) {
        return new IntegrationConfigService(configs, clock);
    }
}
