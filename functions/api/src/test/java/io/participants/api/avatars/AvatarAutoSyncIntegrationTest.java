package io.participants.api.avatars;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static io.participants.api.errors.ProblemAssert.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code avatarAutoSync} setting through the real handler over DynamoDB Local: set, shown, kept, validated. */
class AvatarAutoSyncIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";

    private static ApiHarness api;
    private static String config;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID())).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aParticipantWithoutASettingShowsItOff() {
        ApiResponse created = create(null);

        var setting = created.json().get("avatarAutoSync");
        assertThat(setting.get("enabled").getBooleanValue()).isFalse();
        assertThat(setting.get("integrationConfigId").isNull()).isTrue();
        assertThat(setting.get("address").isNull()).isTrue();
    }

    @Test
    void theSettingIsStoredAsTheChannelSpellsItsAddressAndKeptByOtherPatches() {
        String address = newAddress();
        ApiResponse created = create(Map.of("enabled", true, "integrationConfigId", config, "address",
                address.toLowerCase(java.util.Locale.ROOT)), address);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = PARTICIPANTS + "/" + created.field("id");

        ApiResponse renamed = api.request("PATCH", path).jsonBody(Map.of("displayName", "Maria L.")).send();
        ApiResponse read = api.request("GET", path).send();

        for (ApiResponse response : List.of(created, renamed, read)) {
            var setting = response.json().get("avatarAutoSync");
            assertThat(setting.get("enabled").getBooleanValue()).isTrue();
            assertThat(setting.get("integrationConfigId").getStringValue()).isEqualTo(config);
            assertThat(setting.get("address").getStringValue()).isEqualTo(address);
        }
    }

    @Test
    void aPatchReplacesTheSettingAndHonoursIfMatch() {
        ApiResponse created = create(Map.of("enabled", true));
        String path = PARTICIPANTS + "/" + created.field("id");

        assertProblem(api.request("PATCH", path).header("If-Match", "\"9\"")
                .jsonBody(Map.of("avatarAutoSync", Map.of("enabled", false))).send(), 412, "precondition-failed");
        ApiResponse off = api.request("PATCH", path).header("If-Match", created.header("ETag"))
                .jsonBody(Map.of("avatarAutoSync", Map.of("enabled", false))).send();

        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("avatarAutoSync").get("enabled").getBooleanValue()).isFalse();
        assertThat(off.version()).isEqualTo(created.version() + 1);
    }

    @Test
    void aSettingThatNamesNoChannelOfTheParticipantIsRefused() {
        assertThat(errorFields(assertBadRequest(create(Map.of("enabled", true, "integrationConfigId", config,
                "address", "U0SOMEONE2"))))).containsExactly("avatarAutoSync");
        assertThat(errorFields(assertBadRequest(create(Map.of("integrationConfigId", config)))))
                .containsExactlyInAnyOrder("avatarAutoSync.enabled", "avatarAutoSync");
        assertThat(errorFields(assertBadRequest(create(Map.of("enabled", true, "integrationConfigId", "nope",
                "address", "U0AAAA001"))))).containsExactly("avatarAutoSync.integrationConfigId");
        assertBadRequest(create(Map.of("enabled", "yes")));
        assertBadRequest(create(Map.of("enabled", true, "channel", "U0AAAA001")));

        String address = newAddress();
        ApiResponse created = create(Map.of("enabled", true, "integrationConfigId", config, "address", address),
                address);
        ApiResponse dropped = api.request("PATCH", PARTICIPANTS + "/" + created.field("id"))
                .jsonBody(Map.of("channels", List.of())).send();
        assertThat(errorFields(assertBadRequest(dropped))).containsExactly("avatarAutoSync");
    }

    private static ApiResponse assertBadRequest(ApiResponse response) {
        assertProblem(response, 400, "invalid-request");
        return response;
    }

    /** A participant with one Slack channel, {@code address}, and {@code setting} if given. */
    private static ApiResponse create(Map<String, Object> setting, String address) {
        Map<String, Object> body = new HashMap<>(Map.of("displayName", "Maria Lopez", "channels",
                List.of(Map.of("integrationConfigId", config, "address", address))));
        if (setting != null) {
            body.put("avatarAutoSync", setting);
        }
        return api.request("POST", PARTICIPANTS).jsonBody(body).send();
    }

    private static ApiResponse create(Map<String, Object> setting) {
        return create(setting, newAddress());
    }

    /** A Slack user id no other participant of this run holds. */
    private static String newAddress() {
        return "U0" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(java.util.Locale.ROOT);
    }
}
