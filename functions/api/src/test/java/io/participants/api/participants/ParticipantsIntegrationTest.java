package io.participants.api.participants;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The participant directory through the real handler, against DynamoDB Local. */
class ParticipantsIntegrationTest {

    private static ApiHarness api;
    private static String slackConfig;
    private static String emailConfig;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        slackConfig = createConfig("SLACK", "Acme Slack");
        emailConfig = createConfig("EMAIL", "Acme mail");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String createConfig(String provider, String name) {
        ApiResponse created = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", provider, "name", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static ApiResponse create(Object body) {
        return api.request("POST", "/v1/tenants/acme/participants").jsonBody(body).send();
    }

    @Test
    void createReturnsTheParticipantWithLocationAndEtag() {
        ApiResponse created = create(Map.of(
                "displayName", "Ada Lovelace",
                "email", "ada@example.com",
                "channels", List.of(Map.of("integrationConfigId", slackConfig, "address", "U0123ABCD",
                        "priority", 1, "label", "work")),
                "agentIds", List.of("agent-1")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.field("id");
        assertThat(created.header("Location")).isEqualTo("/v1/tenants/acme/participants/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.field("kind")).isEqualTo("PERSON");
        assertThat(created.json().get("channels").get(0).get("address").getStringValue()).isEqualTo("U0123ABCD");
        assertThat(created.json().get("agentIds").get(0).getStringValue()).isEqualTo("agent-1");
        // a Slack channel needs its config's OAuth connection before it can be used
        assertThat(created.json().get("health").get("reachable").getBooleanValue()).isFalse();
        assertThat(created.json().get("health").get("reason").getStringValue()).isEqualTo("NOT_CONNECTED");
        assertThat(created.json().get("health").get("channels").get(0).get("keyStatus").getStringValue())
                .isEqualTo("NOT_CONNECTED");
        assertThat(created.json().get("channelActivations").size()).isZero();

        ApiResponse fetched = api.request("GET", "/v1/tenants/acme/participants/" + id).send();
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.field("displayName")).isEqualTo("Ada Lovelace");
        assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void healthFlagsAnAddressThatDoesNotFitItsProvider() {
        ApiResponse created = create(Map.of("displayName", "Bad address",
                "channels", List.of(Map.of("integrationConfigId", emailConfig, "address", "not-an-email"))));

        assertThat(created.status()).isEqualTo(201);
        var health = created.json().get("health");
        assertThat(health.get("reachable").getBooleanValue()).isFalse();
        assertThat(health.get("reason").getStringValue()).isEqualTo("INVALID_FORMAT");
        assertThat(health.get("channels").get(0).get("reason").getStringValue()).isEqualTo("INVALID_FORMAT");
        assertThat(health.get("channels").get(0).get("keyStatus").getStringValue()).isEqualTo("UNSPECIFIED");
    }

    @Test
    void aChannelBelongsToOneParticipantOfTheTenant() {
        Map<String, Object> channel = Map.of("integrationConfigId", emailConfig, "address", "shared@example.com");
        assertThat(create(Map.of("displayName", "First", "channels", List.of(channel))).status()).isEqualTo(201);

        ApiResponse second = create(Map.of("displayName", "Second", "channels", List.of(channel)));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).isEqualTo("application/problem+json");
        assertThat(second.field("type")).isEqualTo("urn:problem-type:participants:channel-claimed");
    }

    @Test
    void patchMergesOnlyGivenFieldsAndBumpsTheVersion() {
        String id = create(Map.of("displayName", "Grace", "email", "grace@example.com")).field("id");

        ApiResponse patched = api.request("PATCH", "/v1/tenants/acme/participants/" + id)
                .header("If-Match", "\"1\"").jsonBody(Map.of("displayName", "Grace Hopper")).send();

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.field("displayName")).isEqualTo("Grace Hopper");
        assertThat(patched.field("email")).isEqualTo("grace@example.com");
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");

        ApiResponse stale = api.request("PATCH", "/v1/tenants/acme/participants/" + id)
                .header("If-Match", "\"1\"").jsonBody(Map.of("displayName", "Stale")).send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.request("GET", "/v1/tenants/acme/participants/" + id).send().field("displayName"))
                .isEqualTo("Grace Hopper");
    }

    @Test
    void patchReplacesChannelsAndReconcilesAgents() {
        String id = create(Map.of("displayName", "Linus",
                "channels", List.of(Map.of("integrationConfigId", emailConfig, "address", "linus@example.com")),
                "agentIds", List.of("a1", "a2"))).field("id");

        ApiResponse patched = api.request("PATCH", "/v1/tenants/acme/participants/" + id)
                .jsonBody(Map.of("channels", List.of(), "agentIds", List.of("a2", "a3"))).send();

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("channels").size()).isZero();
        assertThat(patched.json().get("agentIds").get(0).getStringValue()).isEqualTo("a2");
        assertThat(patched.json().get("agentIds").get(1).getStringValue()).isEqualTo("a3");
        // The released channel can be claimed again; the agent index follows the bindings.
        assertThat(create(Map.of("displayName", "Other", "channels",
                List.of(Map.of("integrationConfigId", emailConfig, "address", "linus@example.com")))).status())
                .isEqualTo(201);
        assertThat(listIds("a1")).doesNotContain(id);
        assertThat(listIds("a3")).contains(id);
    }

    @Test
    void kindCannotChange() {
        String id = create(Map.of("displayName", "Bot", "kind", "AI_AGENT")).field("id");

        ApiResponse refused = api.request("PATCH", "/v1/tenants/acme/participants/" + id)
                .jsonBody(Map.of("kind", "PERSON")).send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").getStringValue()).isEqualTo("kind");
    }

    @Test
    void disableKeepsTheFirstTimestampAndEnableClearsIt() {
        String id = create(Map.of("displayName", "Toggle")).field("id");

        ApiResponse first = api.request("POST", "/v1/tenants/acme/participants/" + id + ":disable").send();
        ApiResponse again = api.request("POST", "/v1/tenants/acme/participants/" + id + ":disable").send();
        ApiResponse enabled = api.request("POST", "/v1/tenants/acme/participants/" + id + ":enable").send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.field("disabledAt")).isNotNull();
        assertThat(again.field("disabledAt")).isEqualTo(first.field("disabledAt"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("disabledAt").isNull()).isTrue();
    }

    @Test
    void bindingsAreIdempotentAndShowInAgentIds() {
        String id = create(Map.of("displayName", "Bound")).field("id");
        String binding = "/v1/tenants/acme/participants/" + id + "/bindings/agent-x";

        assertThat(api.request("PUT", binding).send().status()).isEqualTo(204);
        assertThat(api.request("PUT", binding).send().status()).isEqualTo(204);
        ApiResponse fetched = api.request("GET", "/v1/tenants/acme/participants/" + id).send();
        assertThat(fetched.json().get("agentIds").get(0).getStringValue()).isEqualTo("agent-x");
        assertThat(fetched.header("ETag")).isEqualTo("\"2\"");
        assertThat(listIds("agent-x")).containsExactly(id);

        assertThat(api.request("DELETE", binding).send().status()).isEqualTo(204);
        assertThat(api.request("DELETE", binding).send().status()).isEqualTo(204);
        assertThat(listIds("agent-x")).isEmpty();
    }

    @Test
    void deleteRemovesTheParticipantAndFreesItsChannels() {
        Map<String, Object> channel = Map.of("integrationConfigId", emailConfig, "address", "gone@example.com");
        String id = create(Map.of("displayName", "Gone", "channels", List.of(channel))).field("id");

        assertThat(api.request("DELETE", "/v1/tenants/acme/participants/" + id).send().status()).isEqualTo(204);
        assertThat(api.request("GET", "/v1/tenants/acme/participants/" + id).send().status()).isEqualTo(404);
        assertThat(api.request("DELETE", "/v1/tenants/acme/participants/" + id).send().status()).isEqualTo(404);
        assertThat(create(Map.of("displayName", "Heir", "channels", List.of(channel))).status()).isEqualTo(201);
    }

    @Test
    void anotherTenantsParticipantLooksMissing() {
        String id = create(Map.of("displayName", "Private")).field("id");

        ApiResponse foreign = api.request("GET", "/v1/tenants/acme/participants/" + id).tenant("globex").send();
        ApiResponse missing = api.request("GET", "/v1/tenants/globex/participants/" + id).tenant("globex").send();

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.field("detail")).isEqualTo(missing.field("detail"));
        assertThat(foreign.field("type")).isEqualTo(missing.field("type"));
    }

    @Test
    void aPathThatIsNotAValidUriIsAProblemNotACrash() {
        String id = create(Map.of("displayName", "Pipes")).field("id");

        ApiResponse answer = api.request("PUT", "/v1/tenants/acme/participants/" + id + "/bindings/a|b").send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.field("type")).isEqualTo("urn:problem-type:participants:invalid-request");
        assertThat(api.request("GET", "/v1/tenants/acme/participants/" + id).send().json().get("agentIds").size())
                .isZero();
    }

    private static List<String> listIds(String agentId) {
        ApiResponse page = api.request("GET", "/v1/tenants/acme/participants").query("agentId", agentId).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        page.json().get("results").values().forEach(n -> ids.add(n.get("id").getStringValue()));
        return ids;
    }
}
