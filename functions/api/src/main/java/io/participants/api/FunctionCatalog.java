package io.participants.api;

import io.participants.domain.access.Scope;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every function of the API: its name, the one route it serves, the scope that route requires and the deployable
 * (Lambda) that serves it. The CDK stack deploys one Lambda per deployable and one API Gateway route per route key,
 * local mode checks scopes with it as API Gateway would, and a test keeps it equal to the controllers' routes.
 * A deployable's name is the value of {@link #FUNCTION_PROPERTY} that makes its Lambda load only its own controllers.
 *
 * <p>Most deployables serve one function. API Gateway route paths accept a path variable only as a whole segment, so
 * custom methods on a resource ({@code {participantId}:disable}, {@code :enable}) share one route key
 * ({@code {participantId}}) and therefore one Lambda.
 */
public final class FunctionCatalog {

    /** Set per Lambda (environment {@code PARTICIPANTS_FUNCTION}); unset, as in local mode, every route is served. */
    public static final String FUNCTION_PROPERTY = "participants.function";

    /**
     * One function and its route; {@code path} is a URI template as Micronaut reads it, {@code scope} is null for
     * the one public route (the OAuth callback, which its signed state authenticates).
     */
    public record Function(String name, String method, String path, String scope, String deployable) {

        Function(String name, String method, String path, String scope) {
            this(name, method, path, scope, name);
        }

        /** Whether API Gateway checks a JWT before this route (every route but the OAuth callback). */
        public boolean authorized() {
            return scope != null;
        }

        /**
         * The API Gateway route key: the path with every segment that mixes a variable and text (such as
         * {@code {participantId}:disable}) reduced to the bare variable, as HTTP API route paths require.
         */
        public String routeKey() {
            return method + " " + gatewayPath();
        }

        public String gatewayPath() {
            StringBuilder out = new StringBuilder();
            for (String segment : path.substring(1).split("/")) {
                Matcher variable = PARAM.matcher(segment);
                out.append('/').append(variable.find() ? "{" + variable.group(1) + "}" : segment);
            }
            return out.toString();
        }

        /** Path parameters of {@code rawPath} when it matches this route. */
        public Optional<java.util.Map<String, String>> match(String requestMethod, String rawPath) {
            if (!method.equals(requestMethod)) {
                return Optional.empty();
            }
            Matcher matcher = pattern().matcher(rawPath);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
            Matcher names = PARAM.matcher(path);
            int group = 1;
            while (names.find()) {
                params.put(names.group(1), matcher.group(group++));
            }
            return Optional.of(params);
        }

        private Pattern pattern() {
            StringBuilder regex = new StringBuilder();
            Matcher names = PARAM.matcher(path);
            int last = 0;
            while (names.find()) {
                regex.append(Pattern.quote(path.substring(last, names.start()))).append("([^/]+?)");
                last = names.end();
            }
            regex.append(Pattern.quote(path.substring(last)));
            return Pattern.compile(regex.toString());
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    private static final String PARTICIPANTS = "/v1/tenants/{tenantId}/participants";
    private static final String PARTICIPANT = PARTICIPANTS + "/{participantId}";
    private static final String CONFIGS = "/v1/tenants/{tenantId}/integrations/configs";
    private static final String CONFIG = CONFIGS + "/{integrationConfigId}";
    /** The Lambda serving {@code :disable}, {@code :enable} and {@code :rotateWebhooks} (one route key). */
    public static final String PARTICIPANT_STATE = "participant-state";
    /** The Lambda serving {@code :authorize}, {@code :connect} and {@code :disconnect} of a config (one route key). */
    public static final String CONFIG_CONNECTION = "integration-config-connection";
    /** The public Lambda providers post inbound messages to (no JWT: the webhook key and signature authenticate). */
    public static final String RECEIVE_WEBHOOK = "receive-webhook";
    private static final String CONVERSATIONS = "/workspaces/{workspaceId}/conversations";
    private static final String CONVERSATION = CONVERSATIONS + "/{conversationId}";
    private static final String MEMBERS = CONVERSATION + "/participants";
    private static final String MEMBER = MEMBERS + "/{conversationParticipantId}";
    private static final String MEMBER_BY_IDENTIFIER = MEMBERS + "/{identifierKey}/{identifierValue}";

    public static final List<Function> FUNCTIONS = List.of(
            new Function("create-participant", "POST", PARTICIPANTS, Scope.PARTICIPANTS_WRITE),
            new Function("list-participants", "GET", PARTICIPANTS, Scope.PARTICIPANTS_READ),
            new Function("get-participant", "GET", PARTICIPANT, Scope.PARTICIPANTS_READ),
            new Function("lookup-participant-by-channel", "GET", PARTICIPANTS + ":lookupByChannel",
                    Scope.PARTICIPANTS_READ),
            new Function("update-participant", "PATCH", PARTICIPANT, Scope.PARTICIPANTS_WRITE),
            new Function("delete-participant", "DELETE", PARTICIPANT, Scope.PARTICIPANTS_WRITE),
            new Function("disable-participant", "POST", PARTICIPANT + ":disable", Scope.PARTICIPANTS_WRITE,
                    PARTICIPANT_STATE),
            new Function("enable-participant", "POST", PARTICIPANT + ":enable", Scope.PARTICIPANTS_WRITE,
                    PARTICIPANT_STATE),
            new Function("rotate-participant-webhooks", "POST", PARTICIPANT + ":rotateWebhooks",
                    Scope.PARTICIPANTS_WRITE, PARTICIPANT_STATE),
            new Function("bind-participant", "PUT", PARTICIPANT + "/bindings/{agentId}", Scope.PARTICIPANTS_WRITE),
            new Function("unbind-participant", "DELETE", PARTICIPANT + "/bindings/{agentId}", Scope.PARTICIPANTS_WRITE),
            new Function("sync-participant-avatar", "POST", PARTICIPANT + "/avatar:syncFromChannel",
                    Scope.PARTICIPANTS_WRITE),
            new Function("get-participant-avatar", "GET", PARTICIPANT + "/avatar", Scope.PARTICIPANTS_READ),
            // PUT and DELETE on the same path are route keys of their own, so Lambdas of their own: the upload alone
            // takes a large body and writes to S3
            new Function("upload-participant-avatar", "PUT", PARTICIPANT + "/avatar", Scope.PARTICIPANTS_WRITE),
            new Function("delete-participant-avatar", "DELETE", PARTICIPANT + "/avatar", Scope.PARTICIPANTS_WRITE),
            new Function("create-integration-config", "POST", CONFIGS, Scope.INTEGRATIONS_ADMIN),
            new Function("list-integration-configs", "GET", CONFIGS, Scope.INTEGRATIONS_ADMIN),
            new Function("get-integration-config", "GET", CONFIG, Scope.INTEGRATIONS_ADMIN),
            new Function("update-integration-config", "PATCH", CONFIG, Scope.INTEGRATIONS_ADMIN),
            new Function("delete-integration-config", "DELETE", CONFIG, Scope.INTEGRATIONS_ADMIN),
            new Function("authorize-integration-config", "POST", CONFIG + ":authorize", Scope.INTEGRATIONS_ADMIN,
                    CONFIG_CONNECTION),
            new Function("connect-integration-config", "POST", CONFIG + ":connect", Scope.INTEGRATIONS_ADMIN,
                    CONFIG_CONNECTION),
            new Function("disconnect-integration-config", "POST", CONFIG + ":disconnect", Scope.INTEGRATIONS_ADMIN,
                    CONFIG_CONNECTION),
            new Function("generate-integration-config-webhook-url", "POST", CONFIG + ":generateWebhookUrl",
                    Scope.INTEGRATIONS_ADMIN, CONFIG_CONNECTION),
            new Function("rotate-integration-config-webhook", "POST", CONFIG + ":rotateWebhook",
                    Scope.INTEGRATIONS_ADMIN, CONFIG_CONNECTION),
            new Function(RECEIVE_WEBHOOK, "POST", "/v1/webhooks/{tenantId}", null),
            new Function("slack-oauth-callback", "GET", "/v1/oauth/slack/callback", null),
            new Function("microsoft-oauth-callback", "GET", "/v1/oauth/microsoft/callback", null),
            new Function("create-conversation", "POST", CONVERSATIONS, Scope.CONVERSATIONS_WRITE),
            new Function("list-conversations", "GET", CONVERSATIONS, Scope.CONVERSATIONS_READ),
            new Function("get-conversation", "GET", CONVERSATION, Scope.CONVERSATIONS_READ),
            new Function("add-conversation-participant", "POST", MEMBERS, Scope.CONVERSATIONS_WRITE),
            new Function("list-conversation-participants", "GET", MEMBERS, Scope.CONVERSATIONS_READ),
            new Function("get-conversation-participant", "GET", MEMBER, Scope.CONVERSATIONS_READ),
            new Function("get-conversation-participant-by-identifier", "GET", MEMBER_BY_IDENTIFIER,
                    Scope.CONVERSATIONS_READ),
            new Function("update-conversation-participant", "PATCH", MEMBER, Scope.CONVERSATIONS_WRITE),
            new Function("update-conversation-participant-by-identifier", "PATCH", MEMBER_BY_IDENTIFIER,
                    Scope.CONVERSATIONS_WRITE),
            new Function("remove-conversation-participant", "DELETE", MEMBER, Scope.CONVERSATIONS_WRITE),
            new Function("list-contact-conversations", "GET",
                    "/workspaces/{workspaceId}/participants/{identifierKey}/{identifierValue}/conversations",
                    Scope.CONVERSATIONS_READ));

    private FunctionCatalog() {
    }

    /**
     * The change-events publisher: a deployable without a route, invoked by the table stream's event source mapping
     * ({@code io.participants.api.changes.ChangeEventsHandler}).
     */
    public static final String CHANGE_EVENTS = "publish-change-events";

    /**
     * Auto-sync's sweep: a deployable without a route, invoked by its schedule
     * ({@code io.participants.api.autosync.AvatarSyncSweepHandler}); it queues the participants due for a sync.
     */
    public static final String AVATAR_SYNC_SWEEP = "sweep-avatar-syncs";

    /**
     * Auto-sync's worker: a deployable without a route, invoked by the queue's event source mapping
     * ({@code io.participants.api.autosync.AvatarSyncWorkerHandler}); it syncs each queued participant.
     */
    public static final String AVATAR_SYNC_WORKER = "sync-avatars-automatically";

    /** The deployables without a route, in the order {@link #allDeployables} lists them. */
    public static final List<String> WITHOUT_ROUTE = List.of(CHANGE_EVENTS, AVATAR_SYNC_SWEEP, AVATAR_SYNC_WORKER);

    /** The names of the deployables (Lambdas) that serve routes, in catalog order. */
    public static List<String> deployables() {
        return FUNCTIONS.stream().map(Function::deployable).distinct().toList();
    }

    /** Every deployable: those serving routes, then the ones without a route ({@link #WITHOUT_ROUTE}). */
    public static List<String> allDeployables() {
        List<String> all = new java.util.ArrayList<>(deployables());
        all.addAll(WITHOUT_ROUTE);
        return List.copyOf(all);
    }

    /** The functions one deployable serves. */
    public static List<Function> servedBy(String deployable) {
        return FUNCTIONS.stream().filter(f -> f.deployable().equals(deployable)).toList();
    }

    public static Optional<Function> named(String name) {
        return FUNCTIONS.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The function serving a request, as API Gateway's router would pick it. */
    public static Optional<Function> route(String method, String rawPath) {
        return FUNCTIONS.stream().filter(f -> f.match(method, rawPath).isPresent()).findFirst();
    }
}
