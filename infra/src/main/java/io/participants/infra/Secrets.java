package io.participants.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

import java.util.List;

/**
 * The secrets the stack owns, under the deployment's prefix:
 * <ul>
 *   <li>{@code {prefix}/slack/app}: the Slack app's credentials, JSON {@code {"clientId", "clientSecret"}}. Created
 *       with a placeholder (clientId {@code REPLACE_ME}, a random clientSecret): the operator puts the real value
 *       (docs/deploying.md); until then Slack refuses the authorize and callback requests.</li>
 *   <li>{@code {prefix}/oauth/state-key}: the HMAC key that signs OAuth states, 64 random letters and digits
 *       generated here; the functions use its SecretString as the key.</li>
 * </ul>
 * Per-tenant provider tokens ({@link #tokenNamePattern}) are created and deleted at run time by the functions.
 */
public final class Secrets extends Construct {

    /** @param prefix the first part of every secret name, such as {@code participants} */
    public record Props(String prefix) {
    }

    public static final String SLACK_APP_TEMPLATE = "{\"clientId\":\"REPLACE_ME\"}";

    public static final String MICROSOFT_APP_TEMPLATE =
            "{\"clientId\":\"REPLACE_ME\",\"directoryTenant\":\"organizations\"}";

    private final Secret slackApp;
    private final Secret microsoftApp;
    private final Secret stateKey;

    public Secrets(Construct scope, String id, Props props) {
        super(scope, id);
        slackApp = Secret.Builder.create(this, "SlackApp")
                .secretName(slackAppName(props.prefix()))
                .description("Slack app credentials {\"clientId\",\"clientSecret\"}: replace the placeholder with"
                        + " aws secretsmanager put-secret-value")
                // without a generator CDK would generate a plain password; this keeps the JSON shape the functions
                // read, with a placeholder client id the operator must replace
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(SLACK_APP_TEMPLATE)
                        .generateStringKey("clientSecret")
                        .excludePunctuation(true)
                        .build())
                .build();
        microsoftApp = Secret.Builder.create(this, "MicrosoftApp")
                .secretName(microsoftAppName(props.prefix()))
                .description("Microsoft Entra ID app credentials {\"clientId\",\"clientSecret\",\"directoryTenant\"}:"
                        + " replace the placeholders with aws secretsmanager put-secret-value")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(MICROSOFT_APP_TEMPLATE)
                        .generateStringKey("clientSecret")
                        .excludePunctuation(true)
                        .build())
                .build();
        stateKey = Secret.Builder.create(this, "OAuthStateKey")
                .secretName(stateKeyName(props.prefix()))
                .description("HMAC key that signs the Slack OAuth state parameter")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .build())
                .build();
        for (Secret secret : List.of(slackApp, microsoftApp, stateKey)) {
            NagSuppressions.addResourceSuppressions(secret, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-SMG4")
                    .reason("No rotation Lambda: the Slack and Microsoft app credentials are rotated in the"
                            + " providers' app settings and"
                            + " put here by the operator; the state key only signs 10-minute OAuth states, and"
                            + " replacing it (put-secret-value) at any time only invalidates flows in progress."
                            + " Per-tenant tokens are created, replaced and deleted by the OAuth flow itself.")
                    .build()));
        }
    }

    public static String slackAppName(String prefix) {
        return prefix + "/slack/app";
    }

    public static String microsoftAppName(String prefix) {
        return prefix + "/microsoft/app";
    }

    public static String stateKeyName(String prefix) {
        return prefix + "/oauth/state-key";
    }

    /** The names of the per-tenant token secrets, {@code {prefix}/tenants/{tenant}/integrations/{configId}/token}. */
    public static String tokenNamePattern(String prefix) {
        return prefix + "/tenants/*/integrations/*/token";
    }

    public Secret slackApp() {
        return slackApp;
    }

    public Secret microsoftApp() {
        return microsoftApp;
    }

    public Secret stateKey() {
        return stateKey;
    }
}
