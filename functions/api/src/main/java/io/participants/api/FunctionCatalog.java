package io.participants.api;

import io.participants.domain.access.Scope;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every deployable function: its name, the one route it serves and the scope that route requires.
 * The CDK stack deploys one Lambda per entry, local mode checks scopes with it as API Gateway would, and a test
 * keeps it equal to the controllers' routes. A function's name is also the value of {@link #FUNCTION_PROPERTY}
 * that makes its Lambda load only its own controller.
 */
public final class FunctionCatalog {

    /** Set per Lambda (environment {@code PARTICIPANTS_FUNCTION}); unset, as in local mode, every route is served. */
    public static final String FUNCTION_PROPERTY = "participants.function";

    /** One function and its route; {@code path} is a URI template as API Gateway and Micronaut both read it. */
    public record Function(String name, String method, String path, String scope) {

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
    private static final String CONVERSATIONS = "/workspaces/{workspaceId}/conversations";
    private static final String CONVERSATION = CONVERSATIONS + "/{conversationId}";
    private static final String MEMBERS = CONVERSATION + "/participants";
    private static final String MEMBER = MEMBERS + "/{conversationParticipantId}";
    private static final String MEMBER_BY_IDENTIFIER = MEMBERS + "/{identifierKey}/{identifierValue}";

    public static final List<Function> FUNCTIONS = List.of(
            new Function("create-participant", "POST", PARTICIPANTS, Scope.PARTICIPANTS_WRITE),
            new Function("list-participants", "GET", PARTICIPANTS, Scope.PARTICIPANTS_READ),
            new Function("get-participant", "GET", PARTICIPANT, Scope.PARTICIPANTS_READ),
            new Function("update-participant", "PATCH", PARTICIPANT, Scope.PARTICIPANTS_WRITE),
            new Function("delete-participant", "DELETE", PARTICIPANT, Scope.PARTICIPANTS_WRITE),
            new Function("disable-participant", "POST", PARTICIPANT + ":disable", Scope.PARTICIPANTS_WRITE),
            new Function("enable-participant", "POST", PARTICIPANT + ":enable", Scope.PARTICIPANTS_WRITE),
            new Function("bind-participant", "PUT", PARTICIPANT + "/bindings/{agentId}", Scope.PARTICIPANTS_WRITE),
            new Function("unbind-participant", "DELETE", PARTICIPANT + "/bindings/{agentId}", Scope.PARTICIPANTS_WRITE),
            new Function("sync-participant-avatar", "POST", PARTICIPANT + "/avatar:syncFromChannel",
                    Scope.PARTICIPANTS_WRITE),
            new Function("get-participant-avatar", "GET", PARTICIPANT + "/avatar", Scope.PARTICIPANTS_READ),
            new Function("create-integration-config", "POST", CONFIGS, Scope.INTEGRATIONS_ADMIN),
            new Function("list-integration-configs", "GET", CONFIGS, Scope.INTEGRATIONS_ADMIN),
            new Function("get-integration-config", "GET", CONFIGS + "/{integrationConfigId}", Scope.INTEGRATIONS_ADMIN),
            new Function("delete-integration-config", "DELETE", CONFIGS + "/{integrationConfigId}",
                    Scope.INTEGRATIONS_ADMIN),
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

    public static Optional<Function> named(String name) {
        return FUNCTIONS.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The function serving a request, as API Gateway's router would pick it. */
    public static Optional<Function> route(String method, String rawPath) {
        return FUNCTIONS.stream().filter(f -> f.match(method, rawPath).isPresent()).findFirst();
    }
}
