package io.participants.api.avatars;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.participants.api.events.EventWorld;
import io.participants.api.s3.S3Clients;
import io.participants.api.secrets.SecretsManagerStub;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.TrustingTls;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LocalS3;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.S3Object;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Everything an avatar sync reaches, on 127.0.0.1: Slack's Web API (WireMock, http) and image host (WireMock, https),
 * Secrets Manager (WireMock) and S3 (s3proxy, one bucket), and the real handler wired to them.
 */
public final class AvatarStubs implements AutoCloseable {

    public static final String TOKEN = EventWorld.SLACK_TOKEN.accessToken();
    /** The largest image the test guards accept. */
    public static final int MAX_BYTES = 64 * 1024;
    /** A real 2×2 PNG. */
    public static final byte[] PNG = png();

    private final WireMockServer slack;
    private final SecretsManagerStub secrets;
    private final String bucket;

    public AvatarStubs() {
        slack = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        slack.start();
        secrets = new SecretsManagerStub();
        bucket = LocalS3.newBucket();
        reset();
    }

    /** The handler with S3, Secrets Manager and Slack aimed at these stubs, downloading within {@link #guards()}. */
    public ApiHarness harness() {
        return harness(guards());
    }

    /** The handler with S3, Secrets Manager and Slack aimed at these stubs, downloading within {@code guards}. */
    public ApiHarness harness(DownloadGuards guards) {
        return harness(guards, Map.of());
    }

    /** As {@link #harness(DownloadGuards)}, with more configuration (for example one deployable's routes only). */
    public ApiHarness harness(DownloadGuards guards, Map<String, Object> properties) {
        return harness(guards, properties, List.of());
    }

    /** As {@link #harness(DownloadGuards, Map)}, with {@code clock} as the services' clock. */
    public ApiHarness harness(DownloadGuards guards, Map<String, Object> properties, java.time.Clock clock) {
        return harness(guards, properties, List.of(), clock);
    }

    /**
     * As {@link #harness(DownloadGuards, Map)}, with {@code interceptors} on every AWS client (DynamoDB, S3 and
     * Secrets Manager), for example to inject faults.
     */
    public ApiHarness harness(DownloadGuards guards, Map<String, Object> properties,
                              List<? extends ExecutionInterceptor> interceptors) {
        return harness(guards, properties, interceptors, null);
    }

    private ApiHarness harness(DownloadGuards guards, Map<String, Object> properties,
                               List<? extends ExecutionInterceptor> interceptors, java.time.Clock clock) {
        Map<String, Object> all = new HashMap<>(Map.of(
                "participants.s3.endpoint", LocalS3.endpoint().toString(),
                "participants.avatars.bucket", bucket,
                // s3proxy has no object tagging
                "participants.avatars.tag-uploads", "false",
                "participants.secrets.endpoint", secrets.endpoint().toString(),
                "participants.slack.api-base", "http://127.0.0.1:" + slack.port() + "/api",
                "participants.slack.oauth-base", "http://127.0.0.1:" + slack.port(),
                // Telegram's Bot API and Gravatar on the same WireMock, their paths apart from Slack's
                "participants.telegram.api-base", "http://127.0.0.1:" + slack.port(),
                "participants.gravatar.base", "https://localhost:" + slack.httpsPort()));
        all.putAll(properties);
        List<Object> beans = new ArrayList<>(interceptors);
        beans.add(guards);
        // the service's S3 clients with the test's keys, at the endpoint the properties name
        List<ExecutionInterceptor> s3Interceptors = new ArrayList<>(interceptors);
        s3Interceptors.add(AwsCallRecorder.INSTANCE);
        beans.add(S3Clients.create(LocalS3.REGION, LocalS3.credentials(),
                URI.create(all.get("participants.s3.endpoint").toString()), s3Interceptors));
        if (clock != null) {
            beans.add(clock);
        }
        return ApiHarness.start(all, beans.toArray());
    }

    /** Slack's defaults, but the images come from WireMock's https port on localhost, 64 KiB at most. */
    public static DownloadGuards guards() {
        return DownloadGuards.defaults()
                .withAllowedHosts(Set.of("localhost"))
                .withRefuseInternalAddresses(false)
                .withSslContext(TrustingTls.context())
                .withMaxBytes(MAX_BYTES);
    }

    /** Forgets every stub; Secrets Manager then knows no secret and Slack answers nothing. */
    public void reset() {
        slack.resetAll();
        secrets.reset();
        secrets.stub(SecretsManagerStub.operation("GetSecretValue").atPriority(10)
                .willReturn(SecretsManagerStub.error("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret.")));
    }

    /** Stores the Slack token of one tenant's integration config under the name the service reads. */
    public void storeToken(String tenant, String configId) {
        String name = "participants/tenants/" + tenant + "/integrations/" + configId + "/token";
        secrets.stub(SecretsManagerStub.operation("GetSecretValue").atPriority(1)
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(name)))
                .willReturn(SecretsManagerStub.secretValue(name, """
                        {"accessToken":"%s","teamId":"T04ACME01","botUserId":"U04BOT0001","scopes":["users:read"]}"""
                        .formatted(TOKEN))));
    }

    /** The Slack app's credentials, as the operator stores them. */
    public static final String CLIENT_ID = EventWorld.SLACK_CLIENT_ID;
    public static final String CLIENT_SECRET = EventWorld.SLACK_CLIENT_SECRET;
    /** The OAuth state signing key, as the CDK stack generates it. */
    public static final String STATE_KEY = EventWorld.STATE_KEY;

    /** Stores the Slack app credentials and the state key, and lets token secrets be created and deleted. */
    public void storeAppSecrets() {
        storeSecret("participants/slack/app",
                "{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET + "\"}");
        storeSecret("participants/oauth/state-key", STATE_KEY);
        secrets.stub(SecretsManagerStub.operation("CreateSecret")
                .willReturn(SecretsManagerStub.ok("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:"
                        + "created-AbCdEf\",\"Name\":\"created\",\"VersionId\":\"v1\"}")));
        secrets.stub(SecretsManagerStub.operation("DeleteSecret")
                .willReturn(SecretsManagerStub.ok("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:"
                        + "deleted-AbCdEf\",\"Name\":\"deleted\",\"DeletionDate\":1.7E9}")));
    }

    /** Stores a secret under {@code name}, as Secrets Manager then answers GetSecretValue for it. */
    public void storeSecret(String name, String value) {
        secrets.stub(SecretsManagerStub.operation("GetSecretValue").atPriority(1)
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(name)))
                .willReturn(SecretsManagerStub.secretValue(name, value)));
    }

    public SecretsManagerStub secrets() {
        return secrets;
    }

    /** users.info for {@code user} answers a custom image on the https host, named after {@code hash}. */
    public void slackUser(String user, String hash) {
        slackAnswers(user, okJson(usersInfo(user, hash, true, imageUrl(hash))));
    }

    /** users.info for {@code user} answers {@code response}. */
    public void slackAnswers(String user, ResponseDefinitionBuilder response) {
        slack.stubFor(get(urlPathEqualTo("/api/users.info")).withQueryParam("user", equalTo(user))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(response));
    }

    /** The image host serves {@code response} at the path of {@link #imageUrl}. */
    public void serveImage(String hash, ResponseDefinitionBuilder response) {
        slack.stubFor(get(imagePath(hash)).willReturn(response));
    }

    /** The image host serves {@code bytes} as {@code contentType} at the path of {@link #imageUrl}. */
    public void serveImage(String hash, byte[] bytes, String contentType) {
        serveImage(hash, aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(bytes));
    }

    /** Where the stubbed Slack says the original image of {@code hash} is, on WireMock's https port. */
    public String imageUrl(String hash) {
        return "https://localhost:" + slack.httpsPort() + imagePath(hash);
    }

    public static String imagePath(String hash) {
        return "/2024-03-11/6812_" + hash + "_original.png";
    }

    public WireMockServer slack() {
        return slack;
    }

    public String bucket() {
        return bucket;
    }

    /** The path of a participant's avatar sync. */
    public static String syncPath(String tenant, String participantId) {
        return "/v1/tenants/" + tenant + "/participants/" + participantId + "/avatar:syncFromChannel";
    }

    /** The body of an avatar sync from one channel. */
    public static Map<String, String> syncBody(String configId, String address) {
        return Map.of("integrationConfigId", configId, "address", address);
    }

    /** The keys in the bucket that {@code before} (an earlier {@link #keys()}) did not have. */
    public List<String> keysAddedSince(List<String> before) {
        List<String> added = new ArrayList<>(keys());
        added.removeAll(before);
        return added;
    }

    /** Every key in the bucket. */
    public List<String> keys() {
        return LocalS3.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /**
     * A users.info answer in the shape of the recorded fixture.
     *
     * @param customImage Slack's {@code is_custom_image}; false is a default avatar
     */
    public static String usersInfo(String user, String hash, boolean customImage, String original) {
        return """
                {
                  "ok": true,
                  "user": {
                    "id": "%s", "team_id": "T04ACME01", "name": "maria.lopez", "deleted": false,
                    "color": "9f69e7", "real_name": "Maria Lopez", "tz": "Europe/Madrid",
                    "tz_label": "Central European Time", "tz_offset": 3600,
                    "profile": {
                      "title": "Support lead", "real_name": "Maria Lopez", "display_name": "maria",
                      "avatar_hash": "%s", "always_active": false,
                      "image_24": "https://avatars.slack-edge.com/2024-03-11/6812_%s_24.png",
                      "image_192": "https://avatars.slack-edge.com/2024-03-11/6812_%s_192.png",
                      "image_original": "%s",
                      "is_custom_image": %s,
                      "email": "maria.lopez@acme.example", "team": "T04ACME01"
                    },
                    "is_admin": false, "is_bot": false, "updated": 1710150000,
                    "teams": ["T04ACME01"]
                  },
                  "warning": ""
                }""".formatted(user, hash, hash, hash, original, customImage);
    }

    /** A Slack Web API error answer. */
    public static String slackError(String error) {
        return "{\"ok\": false, \"error\": \"" + error + "\"}";
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFF3366CC);
        image.setRGB(1, 1, 0xFFCC6633);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        slack.stop();
        secrets.close();
    }
}
