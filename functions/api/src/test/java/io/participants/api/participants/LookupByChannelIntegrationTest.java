package io.participants.api.participants;

import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET .../participants:lookupByChannel} through the real handler over DynamoDB Local: any spelling of an
 * address finds its one holder, answered as get-participant answers it, in two round trips; two spellings are one
 * channel on write too; tenants, configs and holders that are not there are 404, bad parameters 400.
 */
class LookupByChannelIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";

    /** The DynamoDB operations the handler called, in order. */
    private static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

    private static ApiHarness api;
    private static String slack;
    private static String email;
    private static String sms;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of(), new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
                    CALLS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            }
        });
        slack = config("acme", "SLACK");
        email = config("acme", "EMAIL");
        sms = config("acme", "SMS");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void forgetCalls() {
        CALLS.clear();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EMAIL | Ada.Lovelace@Example.com | ada.lovelace@example.com | ADA.LOVELACE@EXAMPLE.COM",
            "SMS   | +1 (415) 555-0100        | +14155550100             | +1.415.555.0100",
            "SLACK | u0a1b2c3d                | U0A1B2C3D                | U0a1B2c3D"})
    void everySpellingFindsTheOneParticipantHoldingTheChannel(String provider, String written, String stored,
                                                              String other) {
        String config = configOf(provider);
        ApiResponse created = create("Ada " + provider, channel(config, written));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("channels").get(0).get("address").getStringValue()).isEqualTo(stored);
        create("Bob " + provider, channel(config, provider.equals("SLACK") ? "U0B0B0B0B" : "+14155550199"));
        ApiResponse fetched = api.request("GET", PARTICIPANTS + "/" + created.field("id")).send();

        for (String address : List.of(written, stored, other)) {
            ApiResponse found = lookup(config, address);

            assertThat(found.status()).as(address + ": " + found).isEqualTo(200);
            assertThat(found.body()).as(address).isEqualTo(fetched.body());
            assertThat(found.header("ETag")).isEqualTo(fetched.header("ETag")).isEqualTo("\"1\"");
            assertThat(found.header("Content-Location")).isEqualTo(PARTICIPANTS + "/" + created.field("id"));
        }
    }

    @Test
    void twoSpellingsOfOneAddressCannotBeClaimedByTwoParticipants() {
        String first = create("First", channel(email, "claimed@example.com")).field("id");

        ApiResponse second = create("Second", channel(email, "Claimed@Example.COM"));
        String other = create("Other").field("id");
        ApiResponse patched = api.request("PATCH", PARTICIPANTS + "/" + other)
                .jsonBody(Map.of("channels", List.of(channel(email, "CLAIMED@example.com")))).send();

        assertProblem(second, 409, "channel-claimed");
        assertProblem(patched, 409, "channel-claimed");
        assertThat(lookup(email, "claimed@example.com").field("id")).isEqualTo(first);
    }

    @Test
    void twoSpellingsOfOneAddressInOneBodyAreARepeat() {
        ApiResponse refused = create("Twice", channel(sms, "+14155550142"), channel(sms, "+1 415 555 0142"));

        assertProblem(refused, 400, "invalid-request", "channels[1]");
        assertProblem(lookup(sms, "+14155550142"), 404, "not-found");
    }

    @Test
    void theLookupTakesThreeRoundTripsAndReadsNoConnectionTwice() {
        String id = create("Maria", channel(slack, "U0MARIA01"), channel(email, "maria@example.com")).field("id");
        CALLS.clear();

        ApiResponse found = lookup(slack, "U0MARIA01");

        assertThat(found.field("id")).isEqualTo(id);
        // the config and the claims in one batch, then the holder; then, for its channels' last messages and the
        // Slack config's webhook (docs/activations.md), their claims with that config: its connection is not read
        // a second time for health
        assertThat(CALLS).containsExactly("BatchGetItem", "GetItem", "BatchGetItem");
        assertThat(found.json().get("health").get("channels").get(0).get("keyStatus").getStringValue())
                .isEqualTo("NOT_CONNECTED");
    }

    @Test
    void aHolderWithSlackChannelsOnOtherConfigsCostsTheDocumentedThirdRead() {
        String otherSlack = config("acme", "SLACK");
        new DynamoIntegrationConfigStore(LocalDynamo.client(), api.table(), Clock.systemUTC()).setConnection(
                new TenantId("acme"), UUID.fromString(otherSlack),
                new Connection(ConnectionState.CONNECTED, "T0ACME", "xoxb-…", 1L));
        String id = create("Lin", channel(email, "lin@example.com"), channel(otherSlack, "U0LIN0001")).field("id");
        CALLS.clear();

        ApiResponse found = lookup(email, "LIN@example.com");

        assertThat(found.field("id")).isEqualTo(id);
        assertThat(CALLS).containsExactly("BatchGetItem", "GetItem", "BatchGetItem");
        assertThat(found.json().get("health").get("channels").get(1).get("keyStatus").getStringValue())
                .isEqualTo("ACTIVE");
        assertThat(found.body()).isEqualTo(api.request("GET", PARTICIPANTS + "/" + id).send().body());
    }

    @Test
    void aDisabledParticipantIsStillFound() {
        String id = create("Disabled", channel(email, "disabled@example.com")).field("id");
        api.request("POST", PARTICIPANTS + "/" + id + ":disable").send();

        ApiResponse found = lookup(email, "Disabled@Example.com");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.field("id")).isEqualTo(id);
        assertThat(found.field("disabledAt")).isNotNull();
        assertThat(found.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void aChannelMovedToAnotherParticipantIsFoundWithItsNewHolder() {
        String before = create("Before", channel(sms, "+14155550177")).field("id");
        String after = create("After").field("id");
        api.request("PATCH", PARTICIPANTS + "/" + before).jsonBody(Map.of("channels", List.of())).send();
        ApiResponse moved = api.request("PATCH", PARTICIPANTS + "/" + after)
                .jsonBody(Map.of("channels", List.of(channel(sms, "+1 415-555-0177")))).send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        assertThat(lookup(sms, "+1 (415) 555 0177").field("id")).isEqualTo(after);
    }

    @Test
    void aDeletedParticipantsChannelIsNotFound() {
        String id = create("Gone", channel(slack, "U0GONE001")).field("id");
        api.request("DELETE", PARTICIPANTS + "/" + id).send();

        ApiResponse missing = lookup(slack, "U0GONE001");

        assertProblem(missing, 404, "not-found");
        assertThat(missing.field("detail"))
                .isEqualTo("No participant holds the address U0GONE001 on integration config " + slack);
    }

    @Test
    void noHolderAndUnknownConfigsAreNotFoundInTheirOwnWords() {
        String unknown = UUID.randomUUID().toString();
        create("Ada", channel(email, "ada@example.com"));

        assertThat(assertProblem(lookup(email, "Nobody@Example.com"), 404, "not-found").get("detail")
                .getStringValue()).isEqualTo("No participant holds the address nobody@example.com on integration"
                + " config " + email);
        assertThat(assertProblem(lookup(unknown, "ada@example.com"), 404, "not-found").get("detail")
                .getStringValue()).isEqualTo("Integration config " + unknown + " was not found");
        // the same address on another config of the tenant is another channel
        assertProblem(lookup(sms, "ada@example.com"), 404, "not-found");
    }

    @Test
    void anotherTenantsConfigAndPathReadExactlyLikeMissingOnes() {
        String globexMail = config("globex", "EMAIL");
        api.request("POST", "/v1/tenants/globex/participants").tenant("globex").jsonBody(Map.of(
                "displayName", "Globex", "channels", List.of(channel(globexMail, "shared@example.com")))).send();
        String acmeHolder = create("Acme", channel(email, "shared@example.com")).field("id");

        // acme asks for globex's config: it has no such config
        ApiResponse foreignConfig = lookup(globexMail, "shared@example.com");
        // globex asks under acme's path, for acme's config: the same words as its own missing config
        ApiResponse foreignPath = api.request("GET", PARTICIPANTS + ":lookupByChannel").tenant("globex")
                .query("integrationConfigId", email).query("address", "shared@example.com").send();
        ApiResponse ownMissing = api.request("GET", "/v1/tenants/globex/participants:lookupByChannel")
                .tenant("globex").query("integrationConfigId", email).query("address", "shared@example.com").send();

        assertProblem(foreignConfig, 404, "not-found");
        assertProblem(foreignPath, 404, "not-found");
        assertProblem(ownMissing, 404, "not-found");
        assertThat(foreignPath.field("detail")).isEqualTo(ownMissing.field("detail"))
                .isEqualTo("Integration config " + email + " was not found");
        assertThat(foreignPath.body()).doesNotContain(acmeHolder);
        assertThat(foreignConfig.body()).doesNotContain("Globex");
    }

    @Test
    void badParametersAreInvalidRequestsNamingTheParameter() {
        assertProblem(lookupWith(Map.of("integrationConfigId", email)), 400, "invalid-request", "address");
        assertProblem(lookupWith(Map.of("address", "ada@example.com")), 400, "invalid-request",
                "integrationConfigId");
        assertProblem(lookupWith(Map.of()), 400, "invalid-request", "integrationConfigId", "address");
        assertProblem(lookup(email, ""), 400, "invalid-request", "address");
        assertProblem(lookup(email, "   "), 400, "invalid-request", "address");
        assertProblem(lookup(email, "a".repeat(257)), 400, "invalid-request", "address");
        assertProblem(lookup(email, "ada@example.com\u0007"), 400, "invalid-request", "address");
        assertProblem(lookup("not-a-uuid", "ada@example.com"), 400, "invalid-request", "integrationConfigId");
        assertProblem(lookup(email + "0", "ada@example.com"), 400, "invalid-request", "integrationConfigId");
    }

    @Test
    void aRepeatedParameterIsRefusedRatherThanReadInPart() {
        create("Comma", channel(email, "comma@example.com"));

        // API Gateway joins a repeated parameter's values with commas: address=comma@example.com&address=x@...
        assertProblem(lookup(email, "comma@example.com,x@example.com"), 400, "invalid-request", "address");
        // ...and address=comma@example.com&address= ends in one, which a split would drop
        assertProblem(lookup(email, "comma@example.com,"), 400, "invalid-request", "address");
        assertProblem(lookup(email + "," + email, "comma@example.com"), 400, "invalid-request",
                "integrationConfigId");
    }

    @Test
    void onlyTheReadScopeIsNeeded() {
        create("Scoped", channel(email, "scoped@example.com"));

        assertThat(api.request("GET", PARTICIPANTS + ":lookupByChannel").scopes("participants:read")
                .query("integrationConfigId", email).query("address", "scoped@example.com").send().status())
                .isEqualTo(200);
        assertProblem(api.request("GET", PARTICIPANTS + ":lookupByChannel").scopes("participants:write")
                .query("integrationConfigId", email).query("address", "scoped@example.com").send(), 403,
                "forbidden");
    }

    private static ApiResponse lookup(String config, String address) {
        return lookupWith(Map.of("integrationConfigId", config, "address", address));
    }

    private static ApiResponse lookupWith(Map<String, String> query) {
        var request = api.request("GET", PARTICIPANTS + ":lookupByChannel");
        query.forEach(request::query);
        return request.send();
    }

    private static ApiResponse create(String name, Map<?, ?>... channels) {
        return api.request("POST", PARTICIPANTS)
                .jsonBody(Map.of("displayName", name, "channels", List.of(channels))).send();
    }

    private static Map<String, String> channel(String config, String address) {
        return Map.of("integrationConfigId", config, "address", address);
    }

    private String configOf(String provider) {
        return switch (provider) {
            case "SLACK" -> slack;
            case "EMAIL" -> email;
            case "SMS" -> sms;
            default -> throw new IllegalArgumentException(provider);
        };
    }

    private static String config(String tenant, String provider) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + tenant + "/integrations/configs").tenant(tenant)
                .jsonBody(Map.of("provider", provider, "name", tenant + " " + provider)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }
}
