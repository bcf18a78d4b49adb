package io.participants.api.errors;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static io.participants.api.errors.ProblemAssert.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/** Well-formed bodies and paths that break a rule of the directory: each is a 400 naming every refused field. */
class FieldRulesIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final String CONFIGS = "/v1/tenants/acme/integrations/configs";

    private static ApiHarness api;
    private static String slackConfig;
    private static String emailConfig;
    private static String globexConfig;
    private static String participant;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        slackConfig = config("acme", "SLACK");
        emailConfig = config("acme", "EMAIL");
        globexConfig = config("globex", "SLACK");
        participant = create(Map.of("displayName", "Existing")).field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void displayNameIsAtMost150Characters() {
        assertThat(create(Map.of("displayName", "x".repeat(150))).status()).isEqualTo(201);
        assertProblem(create(Map.of("displayName", "x".repeat(151))), 400, "invalid-request", "displayName");
        assertProblem(patch(Map.of("displayName", "x".repeat(151))), 400, "invalid-request", "displayName");
    }

    @Test
    void displayNameIsRequiredAndNotBlank() {
        assertProblem(create(Map.of("email", "nameless@example.com")), 400, "invalid-request", "displayName");
        assertProblem(create(Map.of("displayName", "")), 400, "invalid-request", "displayName");
        assertProblem(create(Map.of("displayName", " \t ")), 400, "invalid-request", "displayName");
        assertProblem(patch(Map.of("displayName", "  ")), 400, "invalid-request", "displayName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0000", "Line\nbreak", "Bell\u0007", "Del\u007F", "C1\u0085"})
    void displayNameRefusesControlCharacters(String displayName) {
        assertProblem(create(Map.of("displayName", displayName)), 400, "invalid-request", "displayName");
    }

    @Test
    void emailIsAtMost4000CharactersAndAnAddress() {
        String longEmail = "a".repeat(4001 - "@example.com".length()) + "@example.com";
        assertThat(longEmail).hasSize(4001);

        assertProblem(create(Map.of("displayName", "x", "email", longEmail)), 400, "invalid-request", "email");
        assertProblem(create(Map.of("displayName", "x", "email", "not-an-email")), 400, "invalid-request", "email");
        assertProblem(patch(Map.of("email", "ada@")), 400, "invalid-request", "email");
    }

    @Test
    void addressIsAtMost256Characters() {
        String address = "a".repeat(257 - "@example.com".length()) + "@example.com";

        assertProblem(create(withChannels(channel(emailConfig, address))), 400, "invalid-request",
                "channels[0].address");
        assertThat(create(withChannels(channel(emailConfig, address.substring(1)))).status()).isEqualTo(201);
    }

    @Test
    void anAddressIsRequired() {
        Map<String, Object> noAddress = Map.of("integrationConfigId", slackConfig);
        assertProblem(create(withChannels(noAddress)), 400, "invalid-request", "channels[0].address");
        assertProblem(create(withChannels(channel(slackConfig, ""))), 400, "invalid-request", "channels[0].address");
    }

    @Test
    void labelIsAtMost100Characters() {
        Map<String, Object> labelled = new HashMap<>(channel(slackConfig, "U0LABEL"));
        labelled.put("label", "l".repeat(101));

        assertProblem(create(withChannels(labelled)), 400, "invalid-request", "channels[0].label");
        labelled.put("label", "l".repeat(100));
        assertThat(create(withChannels(labelled)).status()).isEqualTo(201);
    }

    @Test
    void everyBrokenRuleIsListed() {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "ROBOT");
        body.put("displayName", "");
        body.put("email", "nope");
        body.put("channels", List.of(channel("not-a-uuid", "U0X")));
        body.put("agentIds", List.of("ok", "not ok"));

        ApiResponse response = create(body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactlyInAnyOrder("kind", "displayName", "email",
                "channels[0].integrationConfigId", "agentIds[1]");
    }

    @Test
    void anUnknownKindIsRefused() {
        assertProblem(create(Map.of("kind", "ROBOT", "displayName", "x")), 400, "invalid-request", "kind");
        assertProblem(create(Map.of("kind", "person", "displayName", "x")), 400, "invalid-request", "kind");
        assertProblem(patch(Map.of("kind", "ROBOT")), 400, "invalid-request", "kind");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertProblem(api.request("POST", CONFIGS).jsonBody(Map.of("provider", "FAX", "name", "Fax")).send(), 400,
                "invalid-request", "provider");
        assertProblem(api.request("POST", CONFIGS).jsonBody(Map.of("provider", "slack", "name", "s")).send(), 400,
                "invalid-request", "provider");
        assertProblem(api.request("POST", CONFIGS).jsonBody(Map.of("name", "nameless")).send(), 400,
                "invalid-request", "provider");
        assertProblem(api.request("POST", CONFIGS).jsonBody(Map.of("provider", "SMS", "name", "n".repeat(151)))
                .send(), 400, "invalid-request", "name");
    }

    @Test
    void aChannelMustNameAConfigOfTheTenant() {
        assertProblem(create(withChannels(channel(UUID.randomUUID().toString(), "U0RAND"))), 400,
                "invalid-request", "channels[0].integrationConfigId");
        assertProblem(create(withChannels(channel(globexConfig, "U0GLOBEX"))), 400, "invalid-request",
                "channels[0].integrationConfigId");
        assertProblem(patch(withChannels(channel(slackConfig, "U0OK"), channel(globexConfig, "U0GLOBEX"))), 400,
                "invalid-request", "channels[1].integrationConfigId");
        assertProblem(create(withChannels(channel("12345", "U0SHORT"))), 400, "invalid-request",
                "channels[0].integrationConfigId");
    }

    @Test
    void anotherTenantsConfigIsRefusedWithTheWordsOfAMissingOne() {
        ApiResponse foreign = create(withChannels(channel(globexConfig, "U0GLOBEX")));
        ApiResponse missing = create(withChannels(channel(UUID.randomUUID().toString(), "U0GLOBEX")));

        assertThat(foreign.json().get("errors").get(0).get("reason").getStringValue())
                .isEqualTo(missing.json().get("errors").get(0).get("reason").getStringValue());
        assertThat(foreign.field("detail")).isEqualTo(missing.field("detail"));
    }

    @Test
    void atMostTenChannels() {
        List<Map<String, Object>> channels = IntStream.range(0, 11)
                .mapToObj(i -> channel(slackConfig, "U0TEN" + i)).toList();

        assertProblem(create(Map.of("displayName", "x", "channels", channels)), 400, "invalid-request", "channels");
        assertThat(create(Map.of("displayName", "x", "channels", channels.subList(0, 10))).status()).isEqualTo(201);
    }

    @Test
    void atMostTwentyFiveAgents() {
        List<String> agents = IntStream.range(0, 26).mapToObj(i -> "agent-" + i).toList();

        assertProblem(create(Map.of("displayName", "x", "agentIds", agents)), 400, "invalid-request", "agentIds");
        assertProblem(patch(Map.of("agentIds", agents)), 400, "invalid-request", "agentIds");
        assertThat(create(Map.of("displayName", "x", "agentIds", agents.subList(0, 25))).status()).isEqualTo(201);
    }

    @Test
    void aBodyMayNotNameTheSameChannelTwice() {
        assertProblem(create(withChannels(channel(slackConfig, "U0TWICE"), channel(slackConfig, "U0TWICE"))), 400,
                "invalid-request", "channels[1]");
    }

    @Test
    void agentIdsKeepToUrlSafeCharacters() {
        assertProblem(create(Map.of("displayName", "x", "agentIds", List.of("a/b"))), 400, "invalid-request",
                "agentIds[0]");
        assertProblem(create(Map.of("displayName", "x", "agentIds", List.of("x".repeat(129)))), 400,
                "invalid-request", "agentIds[0]");
        assertProblem(api.request("PUT", PARTICIPANTS + "/" + participant + "/bindings/a%20b").send(), 400,
                "invalid-request", "agentId");
    }

    @Test
    void avatarFileIdCanOnlyBeCleared() {
        assertProblem(patch(Map.of("avatarFileId", "file-1")), 400, "invalid-request", "avatarFileId");
        assertThat(patch(Map.of("avatarFileId", "")).status()).isEqualTo(200);
    }

    @Test
    void aParticipantIdThatIsNoUuidIsRefused() {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            var request = api.request(method, PARTICIPANTS + "/not-a-uuid");
            if (method.equals("PATCH")) {
                request.jsonBody(Map.of("displayName", "x"));
            }
            assertProblem(request.send(), 400, "invalid-request", "participantId");
        }
        assertProblem(api.request("POST", PARTICIPANTS + "/not-a-uuid:disable").send(), 400, "invalid-request",
                "participantId");
        assertProblem(api.request("PUT", PARTICIPANTS + "/not-a-uuid/bindings/a1").send(), 400, "invalid-request",
                "participantId");
        assertProblem(api.request("GET", PARTICIPANTS + "/" + participant.replace("-", "")).send(), 400,
                "invalid-request", "participantId");
    }

    @Test
    void anIntegrationConfigIdThatIsNoUuidIsRefused() {
        assertProblem(api.request("GET", CONFIGS + "/123").send(), 400, "invalid-request", "integrationConfigId");
        assertProblem(api.request("DELETE", CONFIGS + "/123").send(), 400, "invalid-request", "integrationConfigId");
    }

    private static String config(String tenant, String provider) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + tenant + "/integrations/configs").tenant(tenant)
                .jsonBody(Map.of("provider", provider, "name", provider + " of " + tenant)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static ApiResponse create(Map<String, ?> body) {
        return api.request("POST", PARTICIPANTS).jsonBody(body).send();
    }

    private static ApiResponse patch(Map<String, ?> body) {
        return api.request("PATCH", PARTICIPANTS + "/" + participant).jsonBody(body).send();
    }

    private static Map<String, Object> channel(String configId, String address) {
        return Map.of("integrationConfigId", configId, "address", address);
    }

    @SafeVarargs
    private static Map<String, Object> withChannels(Map<String, Object>... channels) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", "With channels");
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> channel : channels) {
            list.add(channel);
        }
        body.put("channels", list);
        return body;
    }
}
