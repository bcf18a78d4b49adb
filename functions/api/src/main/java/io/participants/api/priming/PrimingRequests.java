package io.participants.api.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.api.FunctionCatalog;

import io.participants.domain.common.TenantId;
import io.participants.domain.connection.OAuthState;
import io.participants.domain.connection.SignedStates;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The synthetic requests priming sends through the function's own handler before the snapshot. Every AWS and provider
 * call they make is answered in-process while priming runs ({@link Priming}), so none is sent and nothing is stored:
 * the requests of the participant and integration routes name the ids of the canned items ({@code CannedItems}) and
 * take their routes' success paths (binding a valid body, mapping items into the domain, a committed transaction,
 * Slack's users.info and OAuth exchange, the image download and its checks, the upload, a 200 or 201; the OAuth
 * callbacks' states are signed with the canned state key; Telegram's connect checks its bot token with a canned getMe),
 * and so do the conversations' requests, which name the canned conversation and its contact participant.
 */
public final class PrimingRequests {

    /** The tenant (and workspace) every priming request acts for; it owns no data. */
    public static final String TENANT = "00000000-0000-4000-8000-00000000c0de";
    /** The participant every canned participant item is (under any id asked for, this one when listed). */
    public static final String PARTICIPANT = "00000000-0000-4000-8000-0000000a0001";
    /** The Slack integration config of the canned participant's channel, connected. */
    public static final String CONFIG = "00000000-0000-4000-8000-0000000c0001";
    /** A Telegram integration config, not connected: the connect route's (its bot token checked by a canned getMe). */
    public static final String TELEGRAM_CONFIG = "00000000-0000-4000-8000-0000000c0002";
    /** An EMAIL integration config with Gravatar off: the one whose update (Gravatar on) primes that route. */
    public static final String EMAIL_CONFIG = "00000000-0000-4000-8000-0000000c0004";
    /** A Microsoft Teams integration config, not connected: the Microsoft OAuth callback's state names it. */
    public static final String MICROSOFT_CONFIG = "00000000-0000-4000-8000-0000000c0003";
    /** The bot token the connect route's priming request gives; of Telegram's shape, valid nowhere. */
    static final String BOT_TOKEN = "7000000000:AAsnapstartPrimingBotToken_0123456789ab";
    /** The Slack user of the canned participant's channel. */
    public static final String SLACK_USER = "U0PRIMING1";
    /** The agent the canned participant is bound to. */
    public static final String AGENT = "snapstart-priming";
    /** The agent the update route's request binds the canned participant to instead. */
    static final String OTHER_AGENT = "snapstart-priming-other";
    /** The canned conversation of the workspace routes. */
    public static final String CONVERSATION = "00000000-0000-4000-8000-0000000c0a01";
    /** The identifier of the contact participant of the canned conversation. */
    public static final String CONTACT_KEY = "emailaddress";
    public static final String CONTACT_VALUE = "priming@example.invalid";
    /** The Slack app's signing secret in the canned app credentials, which signs the inbound request. */
    static final String SIGNING_KEY = "snapstart-priming-signing-secret";
    /** The key of the canned Slack webhook; no real webhook has it, so after priming it is refused (401). */
    public static final String WEBHOOK_KEY = "whk_5a5a5a5a5a5a_snapStartPrimingWebhookKeyOfNoWebhook000000";
    /** The file of the canned participant's avatar. */
    public static final String AVATAR_FILE = "00000000-0000-4000-8000-0000000f0001";
    /** The OAuth state key of the canned secret, which signs the callback's state. */
    static final String STATE_KEY = "snapstart-priming-state-key-0123456789abcdefghijklmnopqrstuvwxyz";
    /** A body every route with a body refuses: no request type of the API accepts this field. */
    static final String REFUSED_BODY = "{\"snapStartPriming\":true}";

    /** The media type of a JSON merge patch (RFC 7396), which clients of the PATCH routes of the API send. */
    static final String MERGE_PATCH = "application/merge-patch+json";
    /** The host the gateway's requests name; priming's name none that resolves. */
    static final String HOST = "snapstart-priming.execute-api.invalid";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    private PrimingRequests() {
    }

    /** The priming request of one function, with the claims that the gateway's JWT authorizer would pass. */
    public static APIGatewayV2HTTPEvent of(FunctionCatalog.Function function, String tenantClaim) {
        Map<String, String> pathParameters = new HashMap<>();
        String path = fill(function.path(), switch (function.name()) {
            case "connect-integration-config" -> TELEGRAM_CONFIG;
            case "update-integration-config" -> EMAIL_CONFIG;
            default -> CONFIG;
        }, pathParameters);
        // the headers the gateway passes on a client's request: content negotiation takes the path it takes for them
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", function.authorized() ? "application/json" : "*/*");
        headers.put("host", HOST);
        headers.put("user-agent", "snapstart-priming");
        headers.put("x-forwarded-for", "127.0.0.1");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        headers.put("x-amzn-trace-id", "Root=1-00000000-000000000000000000000000");
        String query = "";
        Map<String, String> parameters = null;
        String body = null;
        switch (function.name()) {
            case "create-participant" -> body = "{\"kind\":\"PERSON\",\"displayName\":\"Priming\","
                    + "\"email\":\"priming@example.com\",\"channels\":[{\"integrationConfigId\":\"" + CONFIG
                    + "\",\"address\":\"U0PRIMING2\",\"priority\":1,\"label\":\"work\"}],"
                    + "\"agentIds\":[\"" + AGENT + "\"]}";
            // binds the canned participant to another agent instead of its own, as a PATCH of agentIds does: the
            // bindings' delete and put and the participant's conditional put, one transaction
            case "update-participant" -> {
                body = "{\"displayName\":\"Priming\",\"agentIds\":[\"" + OTHER_AGENT + "\"]}";
                headers.put("content-type", MERGE_PATCH);
                headers.put("if-match", "\"1\"");
            }
            case "delete-participant" -> headers.put("if-match", "\"1\"");
            case "sync-participant-avatar" -> body = "{\"integrationConfigId\":\"" + CONFIG + "\",\"address\":\""
                    + SLACK_USER + "\"}";
            case "create-integration-config" -> body = "{\"provider\":\"WHATSAPP\",\"name\":\"Priming\"}";
            case "create-conversation" -> body = "{\"name\":\"Priming\"}";
            case "add-conversation-participant" -> body = "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\""
                    + CONTACT_KEY + "\",\"identifierValue\":\"" + CONTACT_VALUE + "\"}}";
            case "update-conversation-participant" -> {
                body = "{\"status\":\"inactive\"}";
                headers.put("if-match", "\"1\"");
            }
            case "update-conversation-participant-by-identifier" -> body = "{\"status\":\"inactive\"}";
            case "lookup-participant-by-channel" -> {
                query = "integrationConfigId=" + CONFIG + "&address=" + SLACK_USER;
                parameters = Map.of("integrationConfigId", CONFIG, "address", SLACK_USER);
            }
            case "connect-integration-config" -> body = "{\"botToken\":\"" + BOT_TOKEN + "\"}";
            case "update-integration-config" -> {
                body = "{\"gravatar\":true}";
                headers.put("content-type", MERGE_PATCH);
            }
            case "disable-participant", "enable-participant", "authorize-integration-config",
                 "disconnect-integration-config", "bind-participant", "generate-integration-config-webhook-url",
                 "rotate-integration-config-webhook", "rotate-participant-webhooks" -> {
                // no body
            }
            // a message of the canned participant's Slack user, signed as Slack signs it, under the canned
            // webhook's key: the key's check, the signature's, the claim and participant found, the message recorded
            case "receive-webhook" -> {
                body = "{\"type\":\"event_callback\",\"event_id\":\"Ev0SNAPSTART\",\"event\":{\"type\":\"message\","
                        + "\"user\":\"" + SLACK_USER + "\",\"text\":\"priming\"}}";
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                headers.put("x-slack-request-timestamp", timestamp);
                headers.put("x-slack-signature", io.participants.api.slack.SlackEventsVerifier.sign(SIGNING_KEY,
                        timestamp, body.getBytes(StandardCharsets.UTF_8)));
                query = "key=" + WEBHOOK_KEY;
                parameters = Map.of("key", WEBHOOK_KEY);
            }
            case "slack-oauth-callback", "microsoft-oauth-callback" -> {
                String state = signedState(function.name().equals("slack-oauth-callback") ? CONFIG : MICROSOFT_CONFIG);
                query = "code=snapstart-priming&state=" + state;
                parameters = Map.of("code", "snapstart-priming", "state", state);
            }
            default -> body = function.method().equals("GET") || function.method().equals("DELETE")
                    ? null : REFUSED_BODY;
        }
        boolean base64 = false;
        if (function.name().equals("upload-participant-avatar")) {
            // a real image, as the gateway passes a binary body: base64-encoded
            headers.put("content-type", "image/png");
            body = java.util.Base64.getEncoder().encodeToString(CannedProviderAnswers.PNG);
            base64 = true;
        }
        if (body != null) {
            headers.put("content-length", Integer.toString(base64
                    ? java.util.Base64.getDecoder().decode(body).length : body.getBytes(StandardCharsets.UTF_8).length));
        } else {
            headers.remove("content-type");
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(function.method()).withPath(path).withProtocol("HTTP/1.1")
                .withSourceIp("127.0.0.1").withUserAgent("snapstart-priming").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId("snapstart-priming-" + function.name())
                .withAccountId("000000000000").withApiId("priming").withDomainName(HOST)
                .withDomainPrefix("snapstart-priming").withTime("01/Jan/2026:00:00:00 +0000")
                .withRouteKey(function.routeKey()).withStage("$default")
                .withTimeEpoch(System.currentTimeMillis());
        if (function.authorized()) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(Map.of(tenantClaim, TENANT, "scope", function.scope()))
                            .withScopes(List.of(function.scope().split(" ")))
                            .build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(function.routeKey()).withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(parameters)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withHeaders(headers).withRequestContext(context.build())
                .withBody(body).withIsBase64Encoded(base64)
                .build();
    }

    /** A state as the authorize route signs it, under the canned state key, for a canned config. */
    private static String signedState(String config) {
        OAuthState state = new OAuthState(new TenantId(TENANT), UUID.fromString(config), "snapstartPrimingNonce01",
                Long.MAX_VALUE / 2);
        return new SignedStates(() -> STATE_KEY.getBytes(StandardCharsets.UTF_8)).encode(state);
    }

    /**
     * The path with each variable set to the canned items' ids, the config's to {@code config}; each variable's value
     * is put in {@code parameters}, as the gateway's event names them.
     */
    private static String fill(String template, String config, Map<String, String> parameters) {
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String variable = variables.group(1);
            String value = variable.equals("integrationConfigId") ? config : value(variable);
            parameters.put(variable, value);
            variables.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variables.appendTail(path);
        return path.toString();
    }

    private static String value(String variable) {
        return switch (variable) {
            case "tenantId", "workspaceId" -> TENANT;
            case "agentId" -> AGENT;
            case "identifierKey" -> CONTACT_KEY;
            case "identifierValue" -> CONTACT_VALUE;
            case "conversationId" -> CONVERSATION;
            case "participantId" -> PARTICIPANT;
            case "integrationConfigId" -> CONFIG;
            default -> UUID.randomUUID().toString();
        };
    }
}
