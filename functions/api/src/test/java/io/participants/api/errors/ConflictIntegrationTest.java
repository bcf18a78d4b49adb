package io.participants.api.errors;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests that are valid but clash with what is stored: a config still in use, a channel already claimed. */
class ConflictIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final String CONFIGS = "/v1/tenants/acme/integrations/configs";

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aConfigCannotBeDeletedWhileAChannelPointsToIt() {
        String config = config("SLACK");
        String id = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "User",
                "channels", List.of(Map.of("integrationConfigId", config, "address", "U0INUSE")))).send().field("id");

        assertProblem(deleteConfig(config), 409, "integration-config-in-use");
        assertThat(api.request("GET", CONFIGS + "/" + config).send().status()).isEqualTo(200);

        assertThat(api.request("PATCH", PARTICIPANTS + "/" + id).jsonBody(Map.of("channels", List.of())).send()
                .status()).isEqualTo(200);
        assertThat(deleteConfig(config).status()).isEqualTo(204);
        assertProblem(api.request("GET", CONFIGS + "/" + config).send(), 404, "not-found");
        assertProblem(deleteConfig(config), 404, "not-found");
    }

    @Test
    void aConfigRefusedOnceStaysUsable() {
        String config = config("EMAIL");
        api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Mail user",
                "channels", List.of(Map.of("integrationConfigId", config, "address", "a@example.com")))).send();

        assertProblem(deleteConfig(config), 409, "integration-config-in-use");
        ApiResponse another = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Second user",
                "channels", List.of(Map.of("integrationConfigId", config, "address", "b@example.com")))).send();
        assertThat(another.status()).as(another.toString()).isEqualTo(201);
    }

    @Test
    void deletingAParticipantFreesItsConfig() {
        String config = config("SMS");
        String id = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Texter",
                "channels", List.of(Map.of("integrationConfigId", config, "address", "+14155550100")))).send()
                .field("id");

        assertProblem(deleteConfig(config), 409, "integration-config-in-use");
        assertThat(api.request("DELETE", PARTICIPANTS + "/" + id).send().status()).isEqualTo(204);
        assertThat(deleteConfig(config).status()).isEqualTo(204);
    }

    @Test
    void anUnknownConfigIsNotFound() {
        assertProblem(deleteConfig("01900000-0000-7000-8000-000000000000"), 404, "not-found");
        assertProblem(api.request("GET", CONFIGS + "/01900000-0000-7000-8000-000000000000").send(), 404,
                "not-found");
    }

    @Test
    void aChannelClaimedByAnotherParticipantCannotBeTaken() {
        String config = config("WHATSAPP");
        Map<String, Object> channel = Map.of("integrationConfigId", config, "address", "+491701234567");
        api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Owner", "channels", List.of(channel)))
                .send();
        String other = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Other")).send().field("id");

        assertProblem(api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Thief",
                "channels", List.of(channel))).send(), 409, "channel-claimed");
        assertProblem(api.request("PATCH", PARTICIPANTS + "/" + other).jsonBody(Map.of("channels", List.of(channel)))
                .send(), 409, "channel-claimed");
        assertThat(api.request("GET", PARTICIPANTS + "/" + other).send().json().get("channels").size()).isZero();
    }

    private static String config(String provider) {
        ApiResponse created = api.request("POST", CONFIGS).jsonBody(Map.of("provider", provider, "name", provider))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static ApiResponse deleteConfig(String id) {
        return api.request("DELETE", CONFIGS + "/" + id).send();
    }
}
