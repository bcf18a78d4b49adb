package io.participants.api.errors;

import io.micronaut.core.type.Argument;
import io.participants.api.FunctionCatalog;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import io.participants.domain.access.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what: no verified claims is a 401 with a Bearer challenge, a token without the route's scope a 403,
 * and another tenant's path a 404 that reads exactly like a resource that does not exist.
 */
class AccessIntegrationTest {

    private static final String WORKSPACE = "6f1c2a5e-0000-4000-8000-00000000ac01";

    private static ApiHarness api;
    private static String participant;
    private static String config;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "EMAIL", "name", "Mail")).send().field("id");
        participant = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Private", "agentIds", List.of("agent-1"))).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyRouteAsksForAVerifiedTokenFirst() {
        for (FunctionCatalog.Function function : FunctionCatalog.FUNCTIONS) {
            if (!function.authorized()) {
                continue; // the OAuth callback: its signed state authenticates it (SlackOAuthIntegrationTest)
            }
            ApiResponse response = request(function, "acme", participant, config).anonymous().send();

            assertProblem(response, 401, "unauthenticated");
            assertThat(response.header("WWW-Authenticate")).as(function.name()).isEqualTo("Bearer");
        }
    }

    @Test
    void everyRouteRefusesATokenWithoutItsScope() {
        for (FunctionCatalog.Function function : FunctionCatalog.FUNCTIONS) {
            if (!function.authorized()) {
                continue; // the OAuth callback: its signed state authenticates it (SlackOAuthIntegrationTest)
            }
            String[] others = ApiRequest.ALL_SCOPES.stream().filter(s -> !s.equals(function.scope()))
                    .toArray(String[]::new);
            ApiResponse response = request(function, "acme", participant, config).scopes(others).send();

            assertProblem(response, 403, "forbidden");
            assertThat(response.field("detail")).as(function.name()).contains(function.scope());
        }
    }

    @Test
    void aReadTokenCannotWrite() {
        ApiResponse create = api.request("POST", "/v1/tenants/acme/participants").scopes(Scope.PARTICIPANTS_READ)
                .jsonBody(Map.of("displayName", "x")).send();
        ApiResponse patch = api.request("PATCH", "/v1/tenants/acme/participants/" + participant)
                .scopes(Scope.PARTICIPANTS_READ).jsonBody(Map.of("displayName", "x")).send();

        assertProblem(create, 403, "forbidden");
        assertProblem(patch, 403, "forbidden");
        assertThat(api.request("GET", "/v1/tenants/acme/participants/" + participant).send().field("displayName"))
                .isEqualTo("Private");
    }

    @Test
    void participantScopesDoNotReachIntegrationConfigs() {
        assertProblem(api.request("GET", "/v1/tenants/acme/integrations/configs")
                .scopes(Scope.PARTICIPANTS_READ, Scope.PARTICIPANTS_WRITE).send(), 403, "forbidden");
        assertProblem(api.request("DELETE", "/v1/tenants/acme/integrations/configs/" + config)
                .scopes(Scope.PARTICIPANTS_WRITE).send(), 403, "forbidden");
        assertThat(api.request("GET", "/v1/tenants/acme/integrations/configs/" + config).send().status())
                .isEqualTo(200);
    }

    @Test
    void aTokenWithoutATenantIsAnonymous() {
        ApiResponse response = api.request("GET", "/v1/tenants/acme/participants").tenant("").send();

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void anotherTenantsResourcesReadExactlyLikeMissingOnes() {
        for (FunctionCatalog.Function function : FunctionCatalog.FUNCTIONS) {
            if (!function.authorized()) {
                continue; // the OAuth callback: its signed state authenticates it (SlackOAuthIntegrationTest)
            }
            if (!isDirectory(function) || !namesAResource(function)) {
                continue;
            }
            // The caller of globex names acme's existing ids, then the same ids under its own tenant.
            ApiResponse foreign = request(function, "acme", participant, config).tenant("globex").send();
            ApiResponse missing = request(function, "globex", participant, config).tenant("globex").send();

            assertProblem(foreign, 404, "not-found");
            assertProblem(missing, 404, "not-found");
            assertThat(withoutInstance(foreign)).as(function.name()).isEqualTo(withoutInstance(missing));
        }
        assertThat(api.request("GET", "/v1/tenants/acme/participants/" + participant).send().field("displayName"))
                .isEqualTo("Private");
    }

    @Test
    void anotherTenantsListsAreNotFound() {
        for (FunctionCatalog.Function function : FunctionCatalog.FUNCTIONS) {
            if (!function.authorized()) {
                continue; // the OAuth callback: its signed state authenticates it (SlackOAuthIntegrationTest)
            }
            if (!isDirectory(function) || namesAResource(function)) {
                continue;
            }
            ApiResponse foreign = request(function, "acme", participant, config).tenant("globex").send();

            assertProblem(foreign, 404, "not-found");
            assertThat(foreign.body()).doesNotContain(participant).doesNotContain(config);
        }
        ApiResponse byAgent = api.request("GET", "/v1/tenants/acme/participants").query("agentId", "agent-1")
                .tenant("globex").send();
        assertProblem(byAgent, 404, "not-found");
    }

    @Test
    void theOwnTenantSeesItsOwnData() {
        ApiResponse own = api.request("GET", "/v1/tenants/globex/participants").tenant("globex").send();

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(participant);
    }

    /** The conversations family's tenant isolation is tested with its own workspaces, in the conversations tests. */
    private static boolean isDirectory(FunctionCatalog.Function function) {
        return function.path().startsWith("/v1/");
    }

    /** Whether the request names a participant or config, in its path or (the lookup by channel) its query. */
    private static boolean namesAResource(FunctionCatalog.Function function) {
        return function.path().contains("{participantId}") || function.path().contains("{integrationConfigId}")
                || function.name().equals("lookup-participant-by-channel");
    }

    /** A request to the function's route with the ids filled in, and a valid body where the route takes one. */
    private static ApiRequest request(FunctionCatalog.Function function, String tenant, String participantId,
                                      String configId) {
        String path = function.path().replace("{tenantId}", tenant).replace("{participantId}", participantId)
                .replace("{integrationConfigId}", configId).replace("{agentId}", "agent-1")
                .replace("{workspaceId}", WORKSPACE).replace("{conversationId}", WORKSPACE)
                .replace("{conversationParticipantId}", WORKSPACE)
                .replace("{identifierKey}", "emailaddress").replace("{identifierValue}", "someone@example.com");
        ApiRequest request = api.request(function.method(), path);
        return switch (function.name()) {
            case "create-participant", "update-participant" -> request.jsonBody(Map.of("displayName", "Intruder"));
            case "create-integration-config" -> request.jsonBody(Map.of("provider", "SLACK", "name", "Intruder"));
            case "create-conversation" -> request.jsonBody(Map.of("name", "Intruder"));
            case "update-integration-config" -> request.jsonBody(Map.of("gravatar", false));
            case "connect-integration-config" ->
                    request.jsonBody(Map.of("botToken", "7212345678:AAHintruderBotTokenValue_0123456789"));
            case "sync-participant-avatar" ->
                    request.jsonBody(Map.of("integrationConfigId", configId, "address", "U0123ABCD"));
            case "lookup-participant-by-channel" ->
                    request.query("integrationConfigId", configId).query("address", "someone@example.com");
            case "upload-participant-avatar" -> request.header("content-type", "image/png")
                    .base64Body(java.util.Base64.getEncoder().encodeToString(
                            io.participants.api.avatars.AvatarStubs.PNG));
            case "add-conversation-participant" -> request.jsonBody(Map.of("type", "user", "id", "intruder"));
            case "update-conversation-participant", "update-conversation-participant-by-identifier" ->
                    request.jsonBody(Map.of("status", "active"));
            default -> request;
        };
    }

    private static Map<String, Object> withoutInstance(ApiResponse response) {
        try {
            Map<String, Object> body = new TreeMap<>(api.json().readValue(response.body(), Argument.mapOf(String.class,
                    Object.class)));
            body.remove("instance");
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
