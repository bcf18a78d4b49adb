package io.participants.api.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.s3.S3AvatarStore;
import io.participants.api.s3.S3Clients;
import io.participants.api.secrets.SecretsClients;
import io.participants.api.secrets.SecretsManagerTokenStore;
import io.participants.api.slack.DownloadGuards;
import io.participants.api.slack.GuardedImageDownloader;
import io.participants.api.slack.RetryPause;
import io.participants.api.slack.SlackApiConfig;
import io.participants.api.slack.SlackAvatarSource;
import io.participants.domain.avatar.AvatarSource;
import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.connection.ProviderTokenStore;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
    S3Clients s3Clients(@Value("${participants.s3.endpoint:}") String endpoint) {
        return S3Clients.create(endpoint.isBlank() ? null : URI.create(endpoint));
    }

    @Singleton
    AvatarStore avatarStore(S3Clients s3, @Value("${participants.avatars.bucket}") String bucket) {
        return new S3AvatarStore(s3.client(), s3.presigner(), bucket);
    }

    @Singleton
    SecretsManagerClient secretsManagerClient(@Value("${participants.secrets.endpoint:}") String endpoint) {
        return SecretsClients.create(endpoint.isBlank() ? null : URI.create(endpoint));
    }

    @Singleton
    ProviderTokenStore providerTokenStore(SecretsManagerClient client,
                                          @Value("${participants.secrets.prefix:participants}") String prefix,
                                          Clock clock) {
        return new SecretsManagerTokenStore(client, prefix, clock, Duration.ofSeconds(60));
    }

    /** Slack's image hosts, https only, 5 MiB; tests and local mode replace this bean to reach their stubs. */
    @Singleton
    DownloadGuards downloadGuards() {
        return DownloadGuards.slackDefaults();
    }

    @Singleton
    SlackAvatarSource slackAvatarSource(@Value("${participants.slack.api-base:https://slack.com/api}") String apiBase,
                                        DownloadGuards guards) {
        SlackApiConfig defaults = SlackApiConfig.defaults();
        return new SlackAvatarSource(new SlackApiConfig(URI.create(apiBase), defaults.connectTimeout(),
                defaults.readTimeout(), defaults.maxRetryWait()), new GuardedImageDownloader(guards), RetryPause.SLEEP);
    }

    /** Every registered {@link AvatarSource} bean serves its provider; a new provider is one more bean. */
    @Singleton
    AvatarSyncService avatarSyncService(ParticipantStore participants, ProviderTokenStore tokens,
                                        List<AvatarSource> sources, AvatarStore avatars, Clock clock) {
        return new AvatarSyncService(participants, tokens, sources, avatars, clock);
    }

    @Singleton
    IntegrationConfigService integrationConfigService(IntegrationConfigStore configs, Clock clock) {
        return new IntegrationConfigService(configs, clock);
    }
}
