package io.participants.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The System properties that configure the handler as a Lambda's environment configures it. The handler's
 * application context reads them when it is built; each start sets or clears every one of them, so that nothing
 * from an earlier start in the same JVM lingers.
 */
final class HandlerProperties {

    private HandlerProperties() {
    }

    /** The properties for {@code options}, with the handler's services at {@code endpoints}. */
    static Map<String, String> of(LocalOptions options, LocalApi.Endpoints endpoints, int apiPort) {
        LocalOptions.Aws aws = options.aws();
        LocalOptions.Slack slack = options.slack();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.region", LocalAws.REGION.id());
        properties.put("aws.accessKeyId", LocalAws.ACCESS_KEY);
        properties.put("aws.secretAccessKey", LocalAws.SECRET_KEY);
        properties.put("participants.table-name", options.table());
        properties.put("participants.dynamodb.endpoint", endpoints.dynamoDb().toString());
        properties.put("participants.s3.endpoint", endpoints.s3().toString());
        properties.put("participants.avatars.bucket", aws.avatarsBucket());
        // the embedded s3proxy has no object tagging (it refuses x-amz-tagging); another endpoint is taken to have it
        properties.put("participants.avatars.tag-uploads", aws.s3Endpoint() == null ? "false" : null);
        properties.put("participants.secrets.endpoint", endpoints.secretsManager().toString());
        properties.put("participants.secrets.prefix", aws.secretsPrefix());
        properties.put("participants.slack.api-base", slack.apiBase().toString());
        properties.put("participants.slack.oauth-base", slack.oauthBase().toString());
        properties.put("participants.telegram.api-base", options.providers().telegramApiBase().toString());
        properties.put("participants.gravatar.base", options.providers().gravatarBase().toString());
        properties.put("participants.microsoft.login-base", options.microsoft().loginBase().toString());
        properties.put("participants.microsoft.graph-base", options.microsoft().graphBase().toString());
        // unset: each provider's own image hosts; set (under the older name the service still reads): every one's
        properties.put("participants.slack.image-hosts",
                slack.imageHosts().isEmpty() ? null : String.join(",", slack.imageHosts()));
        // where Slack sends the operator back after consent: this server's callback route unless told otherwise
        properties.put("participants.oauth.redirect-uri", slack.oauthRedirectUri() != null
                ? slack.oauthRedirectUri().toString()
                : "http://127.0.0.1:" + apiPort + "/v1/oauth/slack/callback");
        // where providers post inbound messages: beside the callback (so a tunnel given for one serves both)
        properties.put("participants.webhooks.base-url", slack.oauthRedirectUri() != null
                ? io.participants.api.activations.WebhookAddress.besideCallback(slack.oauthRedirectUri())
                : "http://127.0.0.1:" + apiPort + "/v1/webhooks/");
        return properties;
    }

    static void apply(LocalOptions options, LocalApi.Endpoints endpoints, int apiPort) {
        of(options, endpoints, apiPort).forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
