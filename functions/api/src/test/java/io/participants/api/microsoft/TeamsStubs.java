package io.participants.api.microsoft;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.s3.S3Clients;
import io.participants.api.secrets.VersionedSecretsManager;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LocalS3;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Everything a Teams avatar sync and connection reach, on 127.0.0.1: the identity platform's token endpoint (a
 * strictly rotating stand-in), Microsoft Graph (WireMock, in the shapes of its documentation), Secrets Manager (a
 * stand-in keeping versions and staging labels), S3 (s3proxy), and the real handler wired to them.
 */
final class TeamsStubs implements AutoCloseable {

    static final String TENANT = "acme";
    static final String CLIENT_ID = "0a1b2c3d-0000-4000-8000-00000000c1d0";
    static final String CLIENT_SECRET = "ms-app-secret~0b1c2d3e4f";
    static final String DIRECTORY = "11111111-2222-4333-8444-555555555555";
    static final String STATE_KEY = "k".repeat(24) + "0123456789abcdefghijklmnopqrstuvwxyz0123";

    private final RotatingTokenEndpoint login = new RotatingTokenEndpoint();
    private final WireMockServer graph;
    private final VersionedSecretsManager secrets = new VersionedSecretsManager();
    private final String bucket = LocalS3.newBucket();

    TeamsStubs() {
        graph = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        graph.start();
        storeAppSecrets();
    }

    /** The handler with S3, Secrets Manager, the identity platform and Graph aimed at these stand-ins. */
    ApiHarness harness() {
        return harness(Map.of(), List.of());
    }

    ApiHarness harness(Map<String, Object> properties, List<? extends ExecutionInterceptor> interceptors) {
        Map<String, Object> all = new HashMap<>(Map.of(
                "participants.s3.endpoint", LocalS3.endpoint().toString(),
                "participants.avatars.bucket", bucket,
                "participants.avatars.tag-uploads", "false",
                "participants.secrets.endpoint", secrets.endpoint().toString(),
                "participants.microsoft.login-base", login.base().toString(),
                "participants.microsoft.graph-base", graphBase()));
        all.putAll(properties);
        List<ExecutionInterceptor> s3Interceptors = new java.util.ArrayList<>(interceptors);
        s3Interceptors.add(AwsCallRecorder.INSTANCE);
        List<Object> beans = new java.util.ArrayList<>(interceptors);
        beans.add(guards());
        beans.add(S3Clients.create(LocalS3.REGION, LocalS3.credentials(), LocalS3.endpoint(), s3Interceptors));
        return ApiHarness.start(all, beans.toArray());
    }

    /** The production guards but for Graph's stand-in: plain http on loopback, 64 KiB at most. */
    static DownloadGuards guards() {
        return DownloadGuards.defaults()
                .withAllowedHosts(Set.of("127.0.0.1"))
                .withHttpsOnly(false)
                .withRefuseInternalAddresses(false)
                .withMaxBytes(AvatarStubs.MAX_BYTES);
    }

    String graphBase() {
        return "http://127.0.0.1:" + graph.port() + "/v1.0";
    }

    void storeAppSecrets() {
        secrets.put("participants/microsoft/app", "{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\""
                + CLIENT_SECRET + "\",\"directoryTenant\":\"" + DIRECTORY + "\"}");
        secrets.put("participants/oauth/state-key", STATE_KEY);
    }

    static String tokenSecret(String configId) {
        return "participants/tenants/" + TENANT + "/integrations/" + configId + "/token";
    }

    /** Stores a token for the config whose access token expires at {@code expiresAt} (epoch millis). */
    void storeToken(String configId, String accessToken, String refreshToken, long expiresAt) {
        secrets.put(tokenSecret(configId), "{\"accessToken\":\"" + accessToken + "\",\"teamId\":\"" + DIRECTORY
                + "\",\"scopes\":[\"https://graph.microsoft.com/ProfilePhoto.Read.All\"],\"refreshToken\":\""
                + refreshToken + "\",\"expiresAt\":\"" + expiresAt + "\"}");
    }

    /** Graph answers {@code user}'s photo metadata (media ETag {@code etag}) and its 648x648 bytes. */
    void graphUser(String user, String etag, byte[] png) {
        graphMetadata(user, okJson("""
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('%s')/photo/$entity",
                 "@odata.mediaContentType": "image/png", "@odata.mediaEtag": "W/\\"%s\\"",
                 "id": "648X648", "height": 648, "width": 648}""".formatted(user, etag)));
        graphPhoto(user, aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png));
    }

    void graphMetadata(String user, ResponseDefinitionBuilder response) {
        graph.stubFor(get(urlPathEqualTo("/v1.0/users/" + user + "/photo"))
                .withHeader("Authorization", matching("Bearer at-[0-9]+")).willReturn(response));
    }

    void graphPhoto(String user, ResponseDefinitionBuilder response) {
        graph.stubFor(get(urlPathEqualTo("/v1.0/users/" + user + "/photos/648x648/$value"))
                .withHeader("Authorization", matching("Bearer at-[0-9]+")).willReturn(response));
    }

    /** Graph's documented answer for a user without a photo. */
    static ResponseDefinitionBuilder imageNotFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"code": "ImageNotFound", "message": "Exception of type \
                'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.",
                 "innerError": {"date": "2026-12-04T17:00:00",
                  "request-id": "0d1e2f3a-0000-4000-8000-000000000001"}}}""");
    }

    RotatingTokenEndpoint login() {
        return login;
    }

    WireMockServer graph() {
        return graph;
    }

    VersionedSecretsManager secrets() {
        return secrets;
    }

    URI loginBase() {
        return login.base();
    }

    @Override
    public void close() {
        login.close();
        graph.stop();
        secrets.close();
    }
}
