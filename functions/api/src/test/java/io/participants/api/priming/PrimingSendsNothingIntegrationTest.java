package io.participants.api.priming;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.participants.api.FunctionCatalog;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.testing.LocalS3;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Priming runs the success paths and sends nothing: every deployable is primed against DynamoDB Local and s3proxy
 * (each behind a counting proxy), the Secrets Manager stand-in and the Slack stand-ins (Web API and image host), and
 * none of them sees a request while it runs (no connection warm-up is kept, so the allowance is zero). And nothing
 * priming saw outlives it: after priming, real requests reach the real stores for what they read, and a real avatar
 * sync reads the real token (the Slack stand-in answers only that one) and uploads the real image.
 */
class PrimingSendsNothingIntegrationTest {

    /** What each route answers its priming request: a success wherever the canned table holds the route's kind. */
    static final Map<String, Integer> EXPECTED = Map.ofEntries(
            Map.entry("create-participant", 201),
            Map.entry("list-participants", 200),
            Map.entry("get-participant", 200),
            Map.entry("lookup-participant-by-channel", 200),
            Map.entry("update-participant", 200),
            Map.entry("delete-participant", 204),
            Map.entry("disable-participant", 200),
            Map.entry("enable-participant", 200),
            // the canned participant has no Teams channel: nothing to rotate, an empty answer
            Map.entry("rotate-participant-webhooks", 200),
            Map.entry("bind-participant", 204),
            Map.entry("unbind-participant", 204),
            Map.entry("sync-participant-avatar", 200),
            Map.entry("get-participant-avatar", 200),
            Map.entry("upload-participant-avatar", 200),
            Map.entry("delete-participant-avatar", 200),
            Map.entry("create-integration-config", 201),
            Map.entry("list-integration-configs", 200),
            Map.entry("get-integration-config", 200),
            Map.entry("update-integration-config", 200),
            Map.entry("delete-integration-config", 204),
            Map.entry("authorize-integration-config", 200),
            Map.entry("connect-integration-config", 200),
            Map.entry("disconnect-integration-config", 200),
            Map.entry("generate-integration-config-webhook-url", 200),
            Map.entry("rotate-integration-config-webhook", 200),
            Map.entry("receive-webhook", 200),
            Map.entry("slack-oauth-callback", 200),
            Map.entry("microsoft-oauth-callback", 200),
            Map.entry("create-conversation", 201),
            Map.entry("list-conversations", 200),
            Map.entry("get-conversation", 200),
            Map.entry("add-conversation-participant", 201),
            Map.entry("list-conversation-participants", 200),
            Map.entry("get-conversation-participant", 200),
            Map.entry("get-conversation-participant-by-identifier", 200),
            Map.entry("update-conversation-participant", 200),
            Map.entry("update-conversation-participant-by-identifier", 200),
            Map.entry("remove-conversation-participant", 204),
            Map.entry("list-contact-conversations", 200));

    /**
     * Valid bodies for the real requests after priming of the routes whose priming body is refused (the canned table
     * holds no conversations), so that they too read the table.
     */
    private static final Map<String, String> REAL_BODIES = Map.of(
            "create-conversation", "{\"name\":\"Order 1\"}",
            "add-conversation-participant", "{\"type\":\"contact\",\"contact\":{\"identifierKey\":"
                    + "\"emailaddress\",\"identifierValue\":\"jane@example.com\"}}",
            "update-conversation-participant", "{\"status\":\"inactive\"}",
            "update-integration-config", "{\"gravatar\":false}",
            "update-conversation-participant-by-identifier", "{\"status\":\"inactive\"}");

    private static final String USER = "U0REAL0001";
    private static final String HASH = "9a8b7c6d5e4f";

    private static AvatarStubs stubs;
    private static WireMockServer dynamo;
    private static WireMockServer s3;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        dynamo = countingProxy(LocalDynamo.endpoint());
        s3 = countingProxy(LocalS3.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        dynamo.stop();
        s3.stop();
        stubs.close();
    }

    @BeforeEach
    void secrets() {
        stubs.reset();
        stubs.storeAppSecrets();
    }

    /** A proxy that counts each request before it forwards it; the Host header is kept, as SigV4 signs it. */
    private static WireMockServer countingProxy(String target) {
        WireMockServer proxy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .preserveHostHeader(true));
        proxy.start();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(target)));
        return proxy;
    }

    private static ApiHarness harness(String deployable) {
        return stubs.harness(AvatarStubs.guards(), Map.of(FunctionCatalog.FUNCTION_PROPERTY, deployable,
                "participants.dynamodb.endpoint", dynamo.baseUrl(), "participants.s3.endpoint", s3.baseUrl()));
    }

    /** Requests each stand-in has seen since the last {@link #forget()} (Secrets Manager's: since it started). */
    private static Map<String, Integer> requests() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        seen.put("DynamoDB Local", dynamo.findAll(RequestPatternBuilder.allRequests()).size());
        seen.put("s3proxy", s3.findAll(RequestPatternBuilder.allRequests()).size());
        seen.put("Secrets Manager", stubs.secrets().requests(RequestPatternBuilder.allRequests()).size());
        seen.put("Slack and its image host", stubs.slack().findAll(RequestPatternBuilder.allRequests()).size());
        return seen;
    }

    private static void forget() {
        dynamo.resetRequests();
        s3.resetRequests();
        stubs.slack().resetRequests();
    }

    @TestFactory
    Stream<DynamicTest> everyDeployableIsPrimedThroughItsSuccessPathsWithNothingSent() {
        return FunctionCatalog.deployables().stream().map(deployable -> dynamicTest(deployable, () -> {
            try (ApiHarness api = harness(deployable); LogCapture log = LogCapture.of(RoutePriming.class)) {
                forget();
                int secretsBefore = stubs.secrets().requests(RequestPatternBuilder.allRequests()).size();

                List<RoutePriming.Primed> primed = prime(deployable, api);

                Map<String, Integer> seen = requests();
                seen.put("Secrets Manager", seen.get("Secrets Manager") - secretsBefore);
                assertThat(seen).as("requests that reached a stand-in while priming ran")
                        .containsOnly(Map.entry("DynamoDB Local", 0), Map.entry("s3proxy", 0),
                                Map.entry("Secrets Manager", 0), Map.entry("Slack and its image host", 0));
                Map<String, Integer> statuses = new LinkedHashMap<>();
                primed.forEach(route -> statuses.put(route.function(), route.status()));
                Map<String, Integer> expected = new LinkedHashMap<>();
                FunctionCatalog.servedBy(deployable).forEach(f -> expected.put(f.name(), EXPECTED.get(f.name())));
                assertThat(statuses).isEqualTo(expected);
                // each route that succeeded was sent again in each later round, for the JIT
                long succeeded = expected.values().stream().filter(status -> status < 400).count();
                assertThat(log.lines()).singleElement().asString()
                        .contains("Primed " + expected.size() + " routes with "
                                + (expected.size() + succeeded * (RoutePriming.ROUNDS - 1)) + " synthetic requests in ")
                        // the loopback exchange ran too (5 with the URL-connection client, 2 more with the JDK
                        // client where a provider was called), and still nothing reached a stand-in
                        .containsPattern(" ms and [257] loopback exchanges: \\[")
                        .doesNotContain("loopback stopped");

                // nothing priming saw answers a real request: the same requests, sent for real, reach the stores
                forget();
                int secretsBeforeReal = stubs.secrets().requests(RequestPatternBuilder.allRequests()).size();
                for (FunctionCatalog.Function function : FunctionCatalog.servedBy(deployable)) {
                    var event = PrimingRequests.of(function, "tenant_id");
                    if (REAL_BODIES.containsKey(function.name())) {
                        event.setBody(REAL_BODIES.get(function.name()));
                    }
                    if (function.name().equals("upload-participant-avatar")) {
                        // a real image, so that the upload reads the participant (priming's body is refused first)
                        event.setBody(java.util.Base64.getEncoder().encodeToString(AvatarStubs.PNG));
                        event.setIsBase64Encoded(true);
                    }
                    AwsCallRecorder.during(deployable, true,
                            () -> api.handler().handleRequest(event, LambdaContexts.invocation()));
                }
                Map<String, Integer> real = requests();
                real.put("Secrets Manager", real.get("Secrets Manager") - secretsBeforeReal);
                if (deployable.endsWith("-oauth-callback")) {
                    assertThat(real.get("Secrets Manager")).as("the state key read for real").isPositive();
                } else {
                    assertThat(real.get("DynamoDB Local")).as("the table read for real").isPositive();
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteHasAnExpectation() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(),
                () -> assertThat(EXPECTED).containsKey(function.name())));
    }

    @Test
    void aSyncAfterPrimingReadsTheRealTokenAndStoresTheRealImage() {
        try (ApiHarness api = harness("sync-participant-avatar");
             ApiHarness all = ApiHarness.startOn(api.table())) {
            String config = all.request("POST", "/v1/tenants/acme/integrations/configs")
                    .jsonBody(Map.of("provider", "SLACK", "name", "Slack")).send().field("id");
            String participant = all.request("POST", "/v1/tenants/acme/participants")
                    .jsonBody(Map.of("displayName", "Maria", "channels",
                            List.of(Map.of("integrationConfigId", config, "address", USER)))).send().field("id");
            stubs.storeToken("acme", config);
            stubs.slackUser(USER, HASH);
            stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
            prime("sync-participant-avatar", api);
            forget();
            List<String> keysBefore = stubs.keys();
            int tokenReads = tokenReads();

            var synced = api.request("POST", AvatarStubs.syncPath("acme", participant))
                    .jsonBody(AvatarStubs.syncBody(config, USER)).send();

            assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
            assertThat(tokenReads()).as("the token is read from Secrets Manager, not from priming's cache")
                    .isEqualTo(tokenReads + 1);
            assertThat(stubs.keysAddedSince(keysBefore))
                    .containsExactly("avatars/acme/" + synced.field("avatarFileId"));
            assertThat(requests().get("Slack and its image host")).isEqualTo(2);
        }
    }

    @Test
    void anAuthorizationAfterPrimingSignsWithTheRealStateKey() {
        try (ApiHarness api = harness(FunctionCatalog.CONFIG_CONNECTION);
             ApiHarness all = ApiHarness.startOn(api.table())) {
            String config = all.request("POST", "/v1/tenants/acme/integrations/configs")
                    .jsonBody(Map.of("provider", "SLACK", "name", "Slack")).send().field("id");
            prime(FunctionCatalog.CONFIG_CONNECTION, api);
            int keyReads = reads("participants/oauth/state-key");
            int appReads = reads("participants/slack/app");

            var authorized = api.request("POST", "/v1/tenants/acme/integrations/configs/" + config + ":authorize")
                    .send();

            assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
            assertThat(reads("participants/oauth/state-key")).isEqualTo(keyReads + 1);
            assertThat(reads("participants/slack/app")).isEqualTo(appReads + 1);
        }
    }

    private static int tokenReads() {
        return (int) stubs.secrets().requests(RequestPatternBuilder.allRequests()).stream()
                .filter(r -> String.valueOf(io.participants.api.secrets.SecretsManagerStub.field(r, "SecretId"))
                        .endsWith("/token"))
                .count();
    }

    private static int reads(String secret) {
        return (int) stubs.secrets().requests(RequestPatternBuilder.allRequests()).stream()
                .filter(r -> secret.equals(io.participants.api.secrets.SecretsManagerStub.field(r, "SecretId")))
                .count();
    }

    /**
     * Primes as the Lambda's hook does; the AWS calls are recorded for the role test as the deployable's, with the
     * harness's untagged avatar store's commit (a HeadObject, not a deployed call) left out.
     */
    private static List<RoutePriming.Primed> prime(String deployable, ApiHarness api) {
        return AwsCallRecorder.during(deployable, true, () -> new RoutePriming(deployable, "tenant_id",
                api.handler()::handleRequest, api.context()).prime());
    }
}
