package io.participants.api.contract;

import io.participants.api.testing.OpenApiContract;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.HealthReason;
import io.participants.domain.participant.ParticipantKind;
import io.swagger.v3.oas.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract check itself: conforming responses pass, and each kind of departure is named. */
class OpenApiContractTest {

    private static final String PARTICIPANT = "/v1/tenants/acme/participants/01930000-0000-7000-8000-000000000001";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");

    private static final String ADA = """
            {"id":"01930000-0000-7000-8000-000000000001","kind":"PERSON","displayName":"Ada","email":null,\
            "relatedAgentId":null,"channels":[{"integrationConfigId":"01930000-0000-7000-8000-0000000000c1",\
            "address":"U0123ABCD","priority":1,"label":null,"disabled":false}],"agentIds":["agent-1"],\
            "disabledAt":null,"health":{"reachable":true,"channels":[{"address":"U0123ABCD","reason":null,\
            "keyStatus":"UNSPECIFIED","keyPrefix":null,"lastMessageAt":null}],"reason":null},\
            "channelActivations":[],"avatarFileId":null,"avatarSource":null,"avatarSourceConfigId":null,\
            "avatarSourceAddress":null,"avatarSyncedAt":null,\
            "avatarAutoSync":{"enabled":false,"integrationConfigId":null,"address":null},\
            "createdAt":1793523600000,"modifiedAt":1793523600000}""";

    private static final String NOT_FOUND = """
            {"type":"urn:problem-type:participants:not-found","title":"The resource was not found","status":404,\
            "detail":"Participant x was not found","instance":"/v1/tenants/acme/participants/x","errors":null}""";

    @Test
    void conformingResponsesPass() {
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 200, JSON, ADA)).isEmpty();
        assertThat(OpenApiContract.violations("POST", PARTICIPANT + ":disable", 200, JSON,
                ADA.replace("\"disabledAt\":null", "\"disabledAt\":1793523600001"))).isEmpty();
        assertThat(OpenApiContract.violations("GET", "/v1/tenants/acme/participants", 200, JSON,
                "{\"results\":[" + ADA + "],\"nextPageToken\":null}")).isEmpty();
        assertThat(OpenApiContract.violations("DELETE", PARTICIPANT, 204, Map.of(), null)).isEmpty();
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 404, PROBLEM, NOT_FOUND)).isEmpty();
        assertThat(OpenApiContract.violations("GET", "/v1/nowhere", 404, PROBLEM, NOT_FOUND)).isEmpty();
        assertThat(OpenApiContract.violations("PUT", PARTICIPANT, 405, PROBLEM, NOT_FOUND.replace("404", "405")))
                .isEmpty();
    }

    @Test
    void nullInANonNullableFieldFails() {
        assertThat(violations(ADA.replace("\"displayName\":\"Ada\"", "\"displayName\":null")))
                .anySatisfy(v -> assertThat(v).contains("/displayName").contains("null"));
    }

    @Test
    void aMissingRequiredFieldFails() {
        assertThat(violations(ADA.replace("\"email\":null,", "")))
                .anySatisfy(v -> assertThat(v).contains("email").contains("required"));
    }

    @Test
    void anUndocumentedFieldFails() {
        assertThat(violations(ADA.replace("{\"id\"", "{\"secret\":\"x\",\"id\"")))
                .anySatisfy(v -> assertThat(v).contains("secret"));
    }

    @Test
    void aWrongTypeInANestedSchemaFails() {
        assertThat(violations(ADA.replace("\"priority\":1", "\"priority\":\"high\"")))
                .anySatisfy(v -> assertThat(v).contains("/channels/0/priority"));
        assertThat(violations(ADA.replace("\"createdAt\":1793523600000", "\"createdAt\":\"yesterday\"")))
                .anySatisfy(v -> assertThat(v).contains("/createdAt"));
    }

    @Test
    void aValueOutsideItsEnumFails() {
        assertThat(violations(ADA.replace("\"kind\":\"PERSON\"", "\"kind\":\"ROBOT\"")))
                .anySatisfy(v -> assertThat(v).contains("/kind").contains("ROBOT"));
        assertThat(violations(ADA.replace("\"reason\":null},", "\"reason\":\"ASLEEP\"},")))
                .anySatisfy(v -> assertThat(v).contains("/health/reason").contains("ASLEEP"));
        assertThat(violations(ADA.replace("\"avatarSource\":null", "\"avatarSource\":\"CHANNEL_SYNC\""))).isEmpty();
        assertThat(violations(ADA.replace("\"avatarSource\":null", "\"avatarSource\":\"UPLOAD\"")))
                .anySatisfy(v -> assertThat(v).contains("/avatarSource").contains("UPLOAD"));
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 500, PROBLEM, NOT_FOUND.replace("404", "500")))
                .anySatisfy(v -> assertThat(v).contains("getParticipant").contains("500"));
        assertThat(OpenApiContract.violations("GET", "/v1/nowhere", 200, JSON, "{}"))
                .anySatisfy(v -> assertThat(v).contains("no operation is documented"));
    }

    @Test
    void theWrongMediaTypeFails() {
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 404, JSON, NOT_FOUND))
                .anySatisfy(v -> assertThat(v).contains("application/problem+json"));
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 200, Map.of("Content-Type", "text/plain"), ADA))
                .anySatisfy(v -> assertThat(v).contains("text/plain"));
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 200, Map.of(), ADA))
                .anySatisfy(v -> assertThat(v).contains("without a Content-Type"));
    }

    @Test
    void aNoContentResponseHasNoBody() {
        assertThat(OpenApiContract.violations("DELETE", PARTICIPANT, 204, JSON, "{}"))
                .anySatisfy(v -> assertThat(v).contains("204 must have no body"));
    }

    @Test
    void aBodyThatIsNotJsonFails() {
        assertThat(OpenApiContract.violations("GET", PARTICIPANT, 200, JSON, "Ada"))
                .anySatisfy(v -> assertThat(v).contains("JSON"));
    }

    @Test
    void operationsResolveAsTheRouterPicksThem() {
        assertThat(OpenApiContract.route("POST", PARTICIPANT + ":disable")).hasValueSatisfying(
                r -> assertThat(r.operationId()).isEqualTo("disableParticipant"));
        assertThat(OpenApiContract.route("GET", PARTICIPANT + ":disable")).hasValueSatisfying(
                r -> assertThat(r.operationId()).isEqualTo("getParticipant"));
        assertThat(OpenApiContract.route("GET", PARTICIPANT + "/bindings/a1")).isEmpty();
    }

    @Test
    void documentedEnumsListTheDomainValues() {
        // The response records spell these out by hand, so a new domain value must reach the document too.
        assertThat(values("Participant", "kind")).isEqualTo(names(ParticipantKind.values()));
        assertThat(values("ParticipantHealth", "reason")).isEqualTo(names(HealthReason.values()));
        assertThat(values("ChannelHealth", "reason")).isEqualTo(names(new HealthReason[]{HealthReason.INVALID_FORMAT,
                HealthReason.NOT_CONNECTED, HealthReason.KEY_REJECTED}));
        assertThat(values("IntegrationConnection", "status")).isEqualTo(Stream.concat(Stream.of("NOT_APPLICABLE"),
                names(ConnectionState.values()).stream()).toList());
        assertThat(values("IntegrationConfig", "provider")).isEqualTo(names(Provider.values()));
    }

    private static List<String> violations(String participant) {
        return OpenApiContract.violations("GET", PARTICIPANT, 200, JSON, participant);
    }

    private static List<String> values(String schema, String property) {
        Schema<?> owner = OpenApiContract.document().getComponents().getSchemas().get(schema);
        Schema<?> field = owner.getProperties().get(property);
        return field.getEnum().stream().map(String::valueOf).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
