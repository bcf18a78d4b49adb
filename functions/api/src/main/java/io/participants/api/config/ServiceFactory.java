package io.participants.api.config;

import io.micronaut.context.BeanProvider;
import io.participants.api.aws.ClientBudgets;
import io.participants.api.dynamodb.DynamoOAuthStateLedger;
import io.participants.api.secrets.SlackAppCredentialsSource;
import io.participants.api.secrets.StateKeySource;
import io.participants.api.slack.SlackOAuthClient;
import io.participants.api.gravatar.GravatarAvatarSource;
import io.participants.api.telegram.TelegramApiConfig;
import io.participants.api.telegram.TelegramAvatarSource;
import io.participants.api.telegram.TelegramTokenVerifier;
import io.participants.domain.connection.ConnectionService;
import io.participants.domain.connection.TokenVerifier;
import io.participants.domain.connection.OAuthClient;
import io.participants.domain.connection.SignedStates;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.s3.S3AvatarStore;
import io.participants.api.s3.S3Clients;
import io.participants.api.secrets.SecretsClients;
import io.participants.api.secrets.SecretsManagerTokenStore;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.GuardedImageDownloader;
import io.participants.api.providers.RetryPause;
import io.participants.api.slack.SlackApiConfig;
import io.participants.api.slack.SlackAvatarSource;
import io.participants.domain.avatar.AvatarSource;
import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.avatar.AvatarUploadService;
import io.participants.domain.connection.ProviderTokenStore;
import io.participants.domain.connection.TokenRefresher;
import io.participants.domain.connection.TokenRenewal;
import io.participants.api.microsoft.GraphAvatarSource;
import io.participants.api.microsoft.MicrosoftConfig;
import io.participants.api.microsoft.MicrosoftOAuthClient;
import io.participants.api.secrets.MicrosoftAppCredentialsSource;
import io.participants.api.dynamodb.DynamoDirectoryLookup;
import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.api.dynamodb.IdempotencyRecords;
import io.participants.domain.conversation.ConversationService;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantStore;
import jakarta.inject.Singleton;
import io.participants.api.activations.WebhookAddress;
import io.participants.api.dynamodb.DynamoActivationStore;
import io.participants.api.slack.SlackEventsVerifier;
import io.participants.api.telegram.TelegramUpdateVerifier;
import io.participants.api.microsoft.GraphNotificationVerifier;
import io.participants.domain.activation.BindingWebhookIssuer;
import io.participants.api.twilio.TwilioRequestVerifier;
import io.participants.domain.activation.ActivationService;
import io.participants.domain.activation.ActivationStore;
import io.participants.domain.activation.InboundVerifier;
import io.participants.domain.activation.WebhookUrls;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import io.participants.api.priming.CannedSdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires the domain to its adapters. Beans are created on first use, so a function builds only the clients its
 * route needs; clients are synchronous on the JDK's HTTP stack and built once per container.
 */
@Factory
public final class ServiceFactory {

    /** How long a secret read stays in memory: rotation reaches every container within it. */
    private static final Duration SECRET_CACHE = Duration.ofSeconds(60);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Bounded retries and timeouts (see {@link ClientBudgets}); {@code interceptors} are any extra beans, none deployed. */
    @Singleton
    DynamoDbClient dynamoDbClient(@Value("${participants.dynamodb.endpoint:}") String endpoint,
                                  List<ExecutionInterceptor> interceptors) {
        var builder = DynamoDbClient.builder().httpClient(CannedSdkHttpClient.wrap(UrlConnectionHttpClient.create()))
                .overrideConfiguration(ClientBudgets.overrides(interceptors));
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
    ParticipantService participantService(ParticipantStore participants, IntegrationConfigStore configs,
                                          BeanProvider<AvatarStore> avatars, Clock clock) {
        // the S3 client is built only when an avatar file is removed
        return new ParticipantService(participants, configs, avatars::get, clock,
                new BindingWebhookIssuer(new SecureRandom()));
    }

    @Singleton
    ConversationService conversationService(DynamoDbClient client, @Value("${participants.table-name}") String table,
                                            ParticipantStore participants, Clock clock) {
        return new ConversationService(new DynamoConversationStore(client, table),
                new DynamoDirectoryLookup(client, table, participants), clock);
    }

    @Singleton
    S3Clients s3Clients(@Value("${participants.s3.endpoint:}") String endpoint,
                        List<ExecutionInterceptor> interceptors) {
        return S3Clients.create(endpoint.isBlank() ? null : URI.create(endpoint), interceptors);
    }

    /** Uploads are tagged pending until committed, unless the S3-compatible server has no tagging (local mode). */
    @Singleton
    AvatarStore avatarStore(S3Clients s3, @Value("${participants.avatars.bucket}") String bucket,
                            @Value("${participants.avatars.tag-uploads:true}") boolean tagUploads) {
        return new S3AvatarStore(s3.client(), s3.presigner(), bucket, tagUploads);
    }

    @Singleton
    SecretsManagerClient secretsManagerClient(@Value("${participants.secrets.endpoint:}") String endpoint,
                                              List<ExecutionInterceptor> interceptors) {
        return SecretsClients.create(endpoint.isBlank() ? null : URI.create(endpoint), interceptors);
    }

    @Singleton
    ProviderTokenStore providerTokenStore(SecretsManagerClient client,
                                          @Value("${participants.secrets.prefix:participants}") String prefix,
                                          Clock clock) {
        return new SecretsManagerTokenStore(client, prefix, clock, SECRET_CACHE);
    }

    /**
     * The download guards every provider's source uses: each provider's own image hosts (or, for every provider,
     * those of {@code participants.image-hosts}, also read as {@code participants.slack.image-hosts}), https only,
     * 5 MiB; tests replace this bean to reach their stubs.
     */
    @Singleton
    DownloadGuards downloadGuards(@Value("${participants.image-hosts:}") String imageHosts,
                                  @Value("${participants.slack.image-hosts:}") String slackImageHosts) {
        DownloadGuards defaults = DownloadGuards.defaults();
        Set<String> hosts = Arrays.stream((imageHosts.isBlank() ? slackImageHosts : imageHosts).split(","))
                .map(String::trim).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return hosts.isEmpty() ? defaults : defaults.withAllowedHosts(hosts);
    }

    /** Gravatar's and Slack's OAuth pages' public bases, where no property names a stand-in's. */
    private static final URI GRAVATAR_BASE = URI.create("https://gravatar.com");
    private static final URI SLACK_OAUTH_BASE = URI.create("https://slack.com");

    /**
     * The configured base, else the provider's public one. The defaults are not written into the placeholders
     * ({@code ${x:https://...}}): Micronaut cuts such a default at its second colon, leaving {@code //host}, a URI
     * without a scheme (ProviderBasesDefaultsTest).
     */
    static URI baseOr(String configured, URI publicBase) {
        return configured == null || configured.isBlank() ? publicBase : URI.create(configured.strip());
    }

    @Singleton
    SlackApiConfig slackApiConfig(@Value("${participants.slack.api-base:}") String apiBase) {
        SlackApiConfig defaults = SlackApiConfig.defaults();
        return new SlackApiConfig(baseOr(apiBase, defaults.apiBase()), defaults.connectTimeout(), defaults.readTimeout(),
                defaults.maxRetryWait());
    }

    @Singleton
    SlackAvatarSource slackAvatarSource(SlackApiConfig api, DownloadGuards guards) {
        return new SlackAvatarSource(api, new GuardedImageDownloader(guards.forProvider(SlackAvatarSource.IMAGE_HOSTS)),
                RetryPause.SLEEP);
    }

    @Singleton
    TelegramApiConfig telegramApiConfig(
            @Value("${participants.telegram.api-base:}") String apiBase) {
        TelegramApiConfig defaults = TelegramApiConfig.defaults();
        return new TelegramApiConfig(baseOr(apiBase, defaults.apiBase()), defaults.connectTimeout(), defaults.readTimeout(),
                defaults.maxRetryWait());
    }

    @Singleton
    TelegramAvatarSource telegramAvatarSource(TelegramApiConfig api, DownloadGuards guards) {
        return new TelegramAvatarSource(api, new GuardedImageDownloader(guards.forProvider(
                TelegramAvatarSource.IMAGE_HOSTS)), RetryPause.SLEEP);
    }

    /** Gravatar for EMAIL configs that turn it on; its base is a stand-in's in tests and local mode. */
    @Singleton
    GravatarAvatarSource gravatarAvatarSource(@Value("${participants.gravatar.base:}") String base,
                                              DownloadGuards guards) {
        return new GravatarAvatarSource(baseOr(base, GRAVATAR_BASE), new GuardedImageDownloader(guards.forProvider(
                GravatarAvatarSource.IMAGE_HOSTS)));
    }

    @Singleton
    TelegramTokenVerifier telegramTokenVerifier(TelegramApiConfig api) {
        return new TelegramTokenVerifier(api, RetryPause.SLEEP);
    }

    /**
     * Every registered {@link AvatarSource} bean serves its provider, and every {@link TokenRefresher} refreshes its
     * provider's expiring tokens; a new provider is one more bean.
     */
    @Singleton
    AvatarSyncService avatarSyncService(ParticipantStore participants, IntegrationConfigStore configs,
                                        ProviderTokenStore tokens, List<AvatarSource> sources,
                                        List<TokenRefresher> refreshers, AvatarStore avatars, Clock clock) {
        return new AvatarSyncService(participants, configs,
                new TokenRenewal(tokens, refreshers, clock, TokenRenewal.Pause.SLEEP), sources, avatars, clock);
    }

    @Singleton
    MicrosoftConfig microsoftConfig(
            @Value("${participants.microsoft.login-base:}") String loginBase,
            @Value("${participants.microsoft.graph-base:}") String graphBase) {
        return MicrosoftConfig.defaults().withBases(baseOr(loginBase, MicrosoftConfig.DEFAULT_LOGIN_BASE),
                baseOr(graphBase, MicrosoftConfig.DEFAULT_GRAPH_BASE));
    }

    /** Graph's host only (or the hosts named for every provider), through the shared guards. */
    @Singleton
    GraphAvatarSource graphAvatarSource(MicrosoftConfig microsoft, DownloadGuards guards) {
        return new GraphAvatarSource(microsoft,
                new GuardedImageDownloader(guards.forProvider(GraphAvatarSource.IMAGE_HOSTS)), RetryPause.SLEEP);
    }

    @Singleton
    MicrosoftAppCredentialsSource microsoftAppCredentials(SecretsManagerClient client,
                                                          @Value("${participants.secrets.prefix:participants}")
                                                          String prefix, Clock clock) {
        return new MicrosoftAppCredentialsSource(client, MicrosoftAppCredentialsSource.defaultSecretName(prefix),
                clock, SECRET_CACHE);
    }

    /**
     * The Microsoft identity platform's flow and refresh; the redirect URI is the deployed Microsoft callback route
     * ({@code participants.microsoft.redirect-uri}, else the Slack callback's sibling
     * {@code /v1/oauth/microsoft/callback}).
     */
    @Singleton
    MicrosoftOAuthClient microsoftOAuthClient(MicrosoftConfig microsoft, MicrosoftAppCredentialsSource app,
                                              @Value("${participants.microsoft.redirect-uri:}") String redirectUri,
                                              @Value("${participants.oauth.redirect-uri:}") String slackRedirectUri,
                                              Clock clock) {
        // the avatar sync only refreshes tokens and has no callback URL in its environment
        URI redirect = !redirectUri.isBlank() ? URI.create(redirectUri)
                : slackRedirectUri.isBlank() ? null : URI.create(slackRedirectUri).resolve("../microsoft/callback");
        return new MicrosoftOAuthClient(microsoft, RetryPause.SLEEP, redirect, app, app::invalidate, clock);
    }

    /** Uploads share the sync's way of storing an avatar, without its provider clients or tokens. */
    @Singleton
    AvatarUploadService avatarUploadService(ParticipantStore participants, AvatarStore avatars, Clock clock) {
        return new AvatarUploadService(participants, avatars, clock);
    }

    @Singleton
    SlackAppCredentialsSource slackAppCredentials(SecretsManagerClient client,
                                                  @Value("${participants.secrets.prefix:participants}") String prefix,
                                                  Clock clock) {
        return new SlackAppCredentialsSource(client, SlackAppCredentialsSource.defaultSecretName(prefix), clock,
                SECRET_CACHE);
    }

    /** Slack's OAuth flow; the redirect URI is the deployed callback route, registered with the Slack app. */
    @Singleton
    SlackOAuthClient slackOAuthClient(SlackApiConfig api, SlackAppCredentialsSource app,
                                      @Value("${participants.slack.oauth-base:}") String oauthBase,
                                      @Value("${participants.oauth.redirect-uri}") String redirectUri) {
        return new SlackOAuthClient(api, RetryPause.SLEEP, baseOr(oauthBase, SLACK_OAUTH_BASE), URI.create(redirectUri), app,
                app::invalidate);
    }

    /**
     * Every registered {@link OAuthClient} bean serves its provider's OAuth connections, every {@link TokenVerifier}
     * bean its provider's token connections.
     */
    @Singleton
    ConnectionService connectionService(IntegrationConfigStore configs, ProviderTokenStore tokens,
                                        List<OAuthClient> clients, List<TokenVerifier> verifiers,
                                        SecretsManagerClient secrets, DynamoDbClient dynamo,
                                        @Value("${participants.secrets.prefix:participants}") String prefix,
                                        @Value("${participants.table-name}") String table, Clock clock) {
        StateKeySource key = new StateKeySource(secrets, StateKeySource.defaultSecretName(prefix), clock,
                SECRET_CACHE);
        return new ConnectionService(configs, tokens, clients, verifiers, new SignedStates(key),
                new DynamoOAuthStateLedger(dynamo, table, clock), clock);
    }

    /** The idempotency records of the three creates, in the same table; built only by a create's controller. */
    @Singleton
    IdempotencyRecords idempotencyRecords(DynamoDbClient client, @Value("${participants.table-name}") String table,
                                          Clock clock) {
        return new IdempotencyRecords(client, table, clock);
    }

    @Singleton
    ActivationStore activationStore(DynamoDbClient client, @Value("${participants.table-name}") String table) {
        return new DynamoActivationStore(client, table);
    }

    /**
     * Where inbound webhooks are published: {@code participants.webhooks.base-url} (the stack sets it), else the
     * API's own address as the OAuth callback's URL gives it ({@code /v1/oauth/slack/callback} becomes
     * {@code /v1/webhooks/}), as in local mode and tests.
     */
    @Singleton
    WebhookAddress webhookAddress(@Value("${participants.webhooks.base-url:}") String baseUrl,
                                  @Value("${participants.oauth.redirect-uri:}") String redirectUri) {
        String base = !baseUrl.isBlank() ? baseUrl
                : redirectUri.isBlank() ? "http://127.0.0.1:8080/v1/webhooks/"
                : WebhookAddress.besideCallback(URI.create(redirectUri));
        return new WebhookAddress(new WebhookUrls(base));
    }

    /** Each provider's inbound check; their secrets' clients are built only when a request is checked. */
    @Singleton
    SlackEventsVerifier slackEventsVerifier(BeanProvider<SlackAppCredentialsSource> app, Clock clock) {
        return new SlackEventsVerifier(() -> app.get().get(), clock);
    }

    @Singleton
    TelegramUpdateVerifier telegramUpdateVerifier() {
        return new TelegramUpdateVerifier();
    }

    @Singleton
    GraphNotificationVerifier graphNotificationVerifier() {
        return new GraphNotificationVerifier();
    }

    @Singleton
    TwilioRequestVerifier twilioRequestVerifier(BeanProvider<ProviderTokenStore> tokens) {
        return new TwilioRequestVerifier(tokens::get);
    }

    @Singleton
    ActivationService activationService(IntegrationConfigStore configs, ParticipantStore participants,
                                        ActivationStore store, List<InboundVerifier> verifiers,
                                        WebhookAddress address, Clock clock) {
        return new ActivationService(configs, participants, store, verifiers, address.urls(), new SecureRandom(),
                clock);
    }

    @Singleton
    IntegrationConfigService integrationConfigService(IntegrationConfigStore configs, Clock clock) {
        return new IntegrationConfigService(configs, clock);
    }
}
