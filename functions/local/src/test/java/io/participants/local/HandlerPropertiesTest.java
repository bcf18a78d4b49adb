package io.participants.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler is configured through System properties, as a Lambda through its environment. */
class HandlerPropertiesTest {

    private static final LocalApi.Endpoints ENDPOINTS = new LocalApi.Endpoints(URI.create("http://127.0.0.1:1"),
            URI.create("http://127.0.0.1:2"), URI.create("http://127.0.0.1:3"));

    @Test
    void theDefaultsPointAtTheEmbeddedServicesAndSlackItself() {
        Map<String, String> properties = HandlerProperties.of(LocalOptions.parse(new String[0], Map.of()),
                ENDPOINTS, 8081);

        assertThat(properties)
                .containsEntry("aws.region", "us-east-1")
                .containsEntry("aws.accessKeyId", "local")
                .containsEntry("participants.table-name", "participants")
                .containsEntry("participants.dynamodb.endpoint", "http://127.0.0.1:1")
                .containsEntry("participants.s3.endpoint", "http://127.0.0.1:2")
                .containsEntry("participants.avatars.bucket", "participants-avatars-local")
                // the embedded s3proxy refuses object tags
                .containsEntry("participants.avatars.tag-uploads", "false")
                .containsEntry("participants.secrets.endpoint", "http://127.0.0.1:3")
                .containsEntry("participants.secrets.prefix", "participants")
                .containsEntry("participants.slack.api-base", "https://slack.com/api")
                .containsEntry("participants.slack.oauth-base", "https://slack.com")
                .containsEntry("participants.slack.image-hosts", null)
                .containsEntry("participants.telegram.api-base", "https://api.telegram.org")
                .containsEntry("participants.gravatar.base", "https://gravatar.com")
                .containsEntry("participants.oauth.redirect-uri", "http://127.0.0.1:8081/v1/oauth/slack/callback")
                // activations' webhook URLs are on the local address
                .containsEntry("participants.webhooks.base-url", "http://127.0.0.1:8081/v1/webhooks/");
    }

    @Test
    void imageHostsApplyToEveryProviderAndTheOtherProvidersTakeTheirStandIns() {
        LocalOptions options = LocalOptions.parse(new String[] {"--image-hosts", "127.0.0.1",
                "--telegram-api-base", "http://127.0.0.1:7001", "--gravatar-base", "http://127.0.0.1:7002"},
                Map.of());

        assertThat(HandlerProperties.of(options, ENDPOINTS, 8081))
                .containsEntry("participants.slack.image-hosts", "127.0.0.1")
                .containsEntry("participants.telegram.api-base", "http://127.0.0.1:7001")
                .containsEntry("participants.gravatar.base", "http://127.0.0.1:7002");
    }

    @Test
    void optionsOverrideThem() {
        LocalOptions options = LocalOptions.parse(new String[] {"--slack-api-base", "http://127.0.0.1:7000/api",
                "--slack-image-hosts", "a.test,b.test", "--oauth-redirect-uri", "https://dev.test/cb"}, Map.of());

        Map<String, String> properties = HandlerProperties.of(options, ENDPOINTS, 8081);

        assertThat(properties)
                .containsEntry("participants.slack.api-base", "http://127.0.0.1:7000/api")
                .containsEntry("participants.slack.image-hosts", "a.test,b.test")
                .containsEntry("participants.oauth.redirect-uri", "https://dev.test/cb")
                .containsEntry("participants.webhooks.base-url", "https://dev.test/v1/webhooks/");
    }

    @Test
    void webhooksFollowATunnelledCallback() {
        LocalOptions options = LocalOptions.parse(new String[] {"--oauth-redirect-uri",
                "https://abc.tunnel.test/v1/oauth/slack/callback"}, Map.of());

        assertThat(HandlerProperties.of(options, ENDPOINTS, 8081))
                .containsEntry("participants.webhooks.base-url", "https://abc.tunnel.test/v1/webhooks/");
    }

    @Test
    void anotherS3EndpointIsTakenToTagUploadsAsS3Does() {
        LocalOptions options = LocalOptions.parse(new String[0], Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4566"));

        assertThat(HandlerProperties.of(options, ENDPOINTS, 8081)).containsEntry("participants.avatars.tag-uploads", null);
    }

    @Test
    void anUnsetPropertyIsClearedSoThatNoEarlierStartLingers() {
        System.setProperty("participants.slack.image-hosts", "left.over");
        try {
            HandlerProperties.apply(LocalOptions.parse(new String[0], Map.of()), ENDPOINTS, 8081);

            assertThat(System.getProperty("participants.slack.image-hosts")).isNull();
        } finally {
            System.clearProperty("participants.slack.image-hosts");
        }
    }
}
