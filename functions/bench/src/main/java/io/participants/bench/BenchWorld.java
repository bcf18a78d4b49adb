package io.participants.bench;

import io.participants.api.FunctionCatalog;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.dynamodb.ParticipantsTable;
import io.participants.api.events.EventWorld;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.s3.S3Clients;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Everything the functions reach, on this machine, shared by the cold children and the in-process handlers:
 * DynamoDB Local (one server, tables reset to the world of {@code events/} by {@link EventWorld}), s3proxy with the
 * avatar bucket (in memory), WireMock for Slack's Web API and Secrets Manager ({@link AvatarStubs}, set up per function as
 * {@code EventsReplayIntegrationTest} sets it up) and the avatar CDN ({@link ImageHost}).
 *
 * <p>Every client, child or in-process, signs with one key pair (DynamoDB Local namespaces its tables by access key,
 * and accepts only letters and digits in it, so this world runs an s3proxy of its own rather than the tests' one).
 */
final class BenchWorld implements AutoCloseable {

    static final String BUCKET = "participants-avatars-bench";
    private static final AwsCredentials CREDENTIALS = AwsBasicCredentials.create("BenchAccessKey", "BenchSecretKey");

    private final String dynamoEndpoint;
    private final AwsCredentials credentials = CREDENTIALS;
    private final DynamoDbClient dynamo;
    private final S3Proxy s3;
    private final URI s3Endpoint;
    private final AvatarStubs stubs;
    private final ImageHost images;

    BenchWorld(Path workDir) {
        // the in-process handlers build their clients from the SDK's default chains, as on Lambda
        System.setProperty("aws.accessKeyId", credentials.accessKeyId());
        System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
        System.setProperty("aws.region", LambdaEnvironment.REGION);
        dynamoEndpoint = LocalDynamo.endpoint();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoEndpoint))
                .region(Region.of(LambdaEnvironment.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(),
                        credentials.secretAccessKey())
                .build();
        s3Endpoint = startS3(s3);
        try (S3Clients clients = S3Clients.create(Region.of(LambdaEnvironment.REGION),
                StaticCredentialsProvider.create(credentials), s3Endpoint)) {
            clients.client().createBucket(b -> b.bucket(BUCKET));
        }
        stubs = new AvatarStubs();
        images = new ImageHost(workDir.resolve("image-host"), AvatarStubs.PNG);
    }

    private static URI startS3(S3Proxy proxy) {
        try {
            proxy.start();
            // start() returns before Jetty is listening
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    ImageHost images() {
        return images;
    }

    /** Drops {@code table} if it exists, creates it empty and writes the world of {@code events/} into it. */
    void resetTable(String table) {
        dropTable(table);
        dynamo.createTable(tableRequest(table));
        EventWorld.seed(dynamo, table);
    }

    /**
     * The service's table without its stream. DynamoDB Local keeps something of every streamed table it ever dropped,
     * and every request then gets slower with their number: over a run's hundreds of resets the warm requests of an
     * after-priming run went from 7 to 70 ms (a GetItem from 2.4 to 3.4 ms after 40 drops; with a stream on one
     * table kept, or with no stream, it stays flat). No function reads the stream, so the bench does without it.
     */
    static CreateTableRequest tableRequest(String table) {
        return ParticipantsTable.createTableRequest(table).toBuilder()
                .streamSpecification((StreamSpecification) null).build();
    }

    void dropTable(String table) {
        try {
            dynamo.deleteTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            // nothing to drop
        }
    }

    /**
     * Sets Slack and Secrets Manager up for the function: nothing for most, Ada's Slack user and her config's token
     * for the avatar sync (a new avatar hash on every call, so every sync downloads and stores the image), the Slack
     * app's secrets and Slack's OAuth methods for the connection functions, the Microsoft app's secret and token
     * endpoint for Microsoft's callback.
     *
     * @param cold whether the avatar URL is the one for the child JVMs (see {@link ImageHost})
     */
    void prepareStubs(FunctionCatalog.Function function, boolean cold) {
        stubs.reset();
        switch (function.name()) {
            case "sync-participant-avatar" -> {
                stubs.storeToken("acme", EventWorld.SLACK_CONFIG.toString());
                String hash = "{{randomValue length=12 type='ALPHANUMERIC' lowercase=true}}";
                stubs.slackAnswers(EventWorld.ADA_SLACK_USER, okJson(AvatarStubs.usersInfo(EventWorld.ADA_SLACK_USER,
                        hash, true, cold ? images.coldUrl() : images.warmUrl())).withTransformers("response-template"));
            }
            case "authorize-integration-config", "disconnect-integration-config", "slack-oauth-callback" -> {
                stubs.storeAppSecrets();
                stubs.storeToken("acme", EventWorld.SLACK_CONFIG.toString());
                stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                        {"ok": true, "access_token": "xoxb-17-events-token", "token_type": "bot",
                         "scope": "users:read", "bot_user_id": "B04BOT0001",
                         "team": {"id": "T04ACME01", "name": "Acme"}}""")));
                stubs.slack().stubFor(post(urlPathEqualTo("/api/auth.revoke"))
                        .willReturn(okJson("{\"ok\": true, \"revoked\": true}")));
            }
            case "microsoft-oauth-callback" -> {
                // the state key and the Microsoft app's credentials; the token endpoint on the OAuth stand-in
                stubs.storeAppSecrets();
                stubs.storeSecret("participants/microsoft/app",
                        "{\"clientId\":\"0a1b2c3d-0000-4000-8000-00000000c1d0\",\"clientSecret\":\"s\"}");
                stubs.slack().stubFor(post(urlPathEqualTo("/organizations/oauth2/v2.0/token")).willReturn(okJson("""
                        {"token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ0-bench-access",
                         "refresh_token": "0.AXoA-bench-refresh",
                         "scope": "https://graph.microsoft.com/ProfilePhoto.Read.All"}""")));
            }
            default -> {
                // DynamoDB and S3 only
            }
        }
    }

    /** Where a child JVM finds this world, for {@link LambdaEnvironment}. */
    LambdaEnvironment.Locals locals(String table, Path taskRoot) {
        return new LambdaEnvironment.Locals(table, dynamoEndpoint, s3Endpoint.toString(), BUCKET,
                stubs.secrets().endpoint().toString(), slackApi(), slackOAuth(), ImageHost.HOST,
                credentials.accessKeyId(), credentials.secretAccessKey(), taskRoot);
    }

    /** The configuration of an in-process handler of one deployable, as local mode and the tests give it. */
    Map<String, Object> handlerProperties(String deployable, String table) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(FunctionCatalog.FUNCTION_PROPERTY, deployable);
        properties.put("participants.table-name", table);
        properties.put("participants.dynamodb.endpoint", dynamoEndpoint);
        properties.put("participants.s3.endpoint", s3Endpoint.toString());
        properties.put("participants.avatars.bucket", BUCKET);
        // s3proxy has no object tagging
        properties.put("participants.avatars.tag-uploads", "false");
        properties.put("participants.secrets.endpoint", stubs.secrets().endpoint().toString());
        properties.put("participants.slack.api-base", slackApi());
        properties.put("participants.slack.oauth-base", slackOAuth());
        // one stand-in answers Slack's OAuth methods and the Microsoft identity platform's token endpoint
        properties.put("participants.microsoft.login-base", slackOAuth());
        properties.put("participants.oauth.redirect-uri", ApiHarness.REDIRECT_URI);
        return properties;
    }

    /** The in-process download guard: Slack's defaults, but the image host on localhost, trusted by its certificate. */
    DownloadGuards inProcessGuards() {
        return DownloadGuards.defaults()
                .withAllowedHosts(Set.of("localhost"))
                .withRefuseInternalAddresses(false)
                .withSslContext(images.sslContext());
    }

    private String slackApi() {
        return "http://127.0.0.1:" + stubs.slack().port() + "/api";
    }

    private String slackOAuth() {
        return "http://127.0.0.1:" + stubs.slack().port();
    }

    @Override
    public void close() {
        images.close();
        stubs.close();
        dynamo.close();
        try {
            s3.stop();
        } catch (Exception e) {
            // the bench is over; nothing to keep
        }
    }
}
