package io.participants.api.priming;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canned layer through the real SDK clients' pipelines, with a delegate that fails every call it gets: while
 * priming runs, every call is answered in-process with a response of its operation's shape; outside, every call goes
 * to the delegate untouched.
 */
class CannedLayerTest {

    private final AtomicInteger delegated = new AtomicInteger();
    private final SdkHttpClient refusing = new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            delegated.incrementAndGet();
            throw new IllegalStateException("sent to the network");
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        Priming.stop();
    }

    private DynamoDbClient dynamo() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://198.51.100.1:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(CannedSdkHttpClient.wrap(refusing)).build();
    }

    @Test
    void whilePrimingAParticipantIsReadUnderTheKeyAskedForAndNothingIsSent() {
        Priming.start();
        try (DynamoDbClient client = dynamo()) {
            Map<String, AttributeValue> item = client.getItem(g -> g.tableName("t").key(Map.of(
                    "PK", AttributeValue.fromS("T#acme"),
                    "SK", AttributeValue.fromS("PARTICIPANT#" + PrimingRequests.PARTICIPANT)))).item();

            assertThat(item.get("SK").s()).isEqualTo("PARTICIPANT#" + PrimingRequests.PARTICIPANT);
            assertThat(item.get("kind").s()).isEqualTo("PERSON");
            assertThat(item.get("channels").l()).hasSize(1);
            assertThat(client.transactWriteItems(t -> t.transactItems(List.of())).sdkHttpResponse().isSuccessful())
                    .isTrue();
        }
        assertThat(delegated).hasValue(0);
    }

    @Test
    void whilePrimingATenantsParticipantsListTheCannedParticipantAsTheListRouteReadsThem() {
        Priming.start();
        try (DynamoDbClient client = dynamo()) {
            // the list route's query goes through the enhanced client, whose key condition names its own values
            var page = new io.participants.api.dynamodb.DynamoParticipantStore(client, "t", 10)
                    .list(new io.participants.domain.common.TenantId(PrimingRequests.TENANT),
                            new io.participants.domain.common.PageRequest(10, null), null);

            assertThat(page.results()).extracting(p -> p.id().toString()).containsExactly(PrimingRequests.PARTICIPANT);
            assertThat(page.results().get(0).channels()).hasSize(1);
            assertThat(page.nextPageToken()).isNull();
        }
        assertThat(delegated).hasValue(0);
    }

    @Test
    void whilePrimingASecretIsCannedAndOutsideItTheDelegateIsCalled() {
        try (SecretsManagerClient client = SecretsManagerClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://198.51.100.1:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(CannedSdkHttpClient.wrap(refusing)).build()) {
            Priming.start();
            String token = client.getSecretValue(g -> g.secretId("participants/tenants/acme/integrations/x/token"))
                    .secretString();
            Priming.stop();

            assertThat(token).contains(CannedProviderAnswers.TOKEN);
            assertThat(delegated).hasValue(0);
            assertThatThrownBy(() -> client.getSecretValue(g -> g.secretId("any"))).hasMessageContaining(
                    "sent to the network");
            assertThat(delegated).hasPositiveValue();
        }
    }

    @Test
    void providerCallsAreCannedOnlyWhilePriming() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        HttpClient client = CannedHttpClient.wrap(HttpClient.newBuilder().executor(command -> {
            sent.incrementAndGet();
            throw new IllegalStateException("sent to the network");
        }).build());
        HttpRequest usersInfo = HttpRequest.newBuilder(URI.create("https://slack.com/api/users.info?user=U1")).build();

        Priming.start();
        HttpResponse<String> answer = client.send(usersInfo, HttpResponse.BodyHandlers.ofString());
        byte[] image = client.sendAsync(HttpRequest.newBuilder(URI.create("https://avatars.slack-edge.com/a.png"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).join().body();
        Priming.stop();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"is_custom_image\":true");
        assertThat(image).isEqualTo(CannedProviderAnswers.PNG);
        assertThat(sent).hasValue(0);
    }

    @Test
    void namesResolveWithoutALookupOnlyWhilePriming() throws Exception {
        Priming.start();
        var address = Priming.resolve("avatars.slack-edge.com")[0];
        Priming.stop();

        assertThat(address.getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(Priming.resolve("localhost")[0].isLoopbackAddress()).isTrue();
    }
}
