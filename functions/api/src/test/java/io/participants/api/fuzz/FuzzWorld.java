package io.participants.api.fuzz;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import io.participants.domain.access.Scope;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The known world the fuzzer attacks: two directory tenants with configs and participants (one with a channel and
 * bindings, one disabled), and two conversation workspaces with conversations and members, all created through the
 * API itself. Its table can be read back whole, in a canonical order, to show that nothing changed.
 */
record FuzzWorld(String acmeSlackConfig, String acmeEmailConfig, String participant, String disabledParticipant,
                 String globexConfig, String globexParticipant, String workspace, String otherWorkspace,
                 String conversation, String otherConversation, String member, String userMember,
                 String foreignConversation, String foreignMember, String slackWebhookKey) {

    static final String ACME = "acme";
    static final String GLOBEX = "globex";
    static final String AGENT = "agent-1";
    static final String MEMBER_KEY = "emailaddress";
    static final String MEMBER_VALUE = "john.doe@example.com";
    /** The signing secret of the Slack app the world's Slack config's webhook checks signatures with. */
    static final String SLACK_SIGNING_SECRET = "fuzz-slack-signing-secret";
    static final List<String> ALL_SCOPES = List.of(Scope.PARTICIPANTS_READ, Scope.PARTICIPANTS_WRITE,
            Scope.INTEGRATIONS_ADMIN, Scope.CONVERSATIONS_READ, Scope.CONVERSATIONS_WRITE);

    static FuzzWorld seed(ApiHarness api) {
        String acmeSlack = created(api.request("POST", "/v1/tenants/acme/integrations/configs")
                .body("{\"provider\":\"SLACK\",\"name\":\"Acme Slack\"}"));
        String acmeMail = created(api.request("POST", "/v1/tenants/acme/integrations/configs")
                .body("{\"provider\":\"EMAIL\",\"name\":\"Acme mail\"}"));
        String ada = created(api.request("POST", "/v1/tenants/acme/participants").body("""
                {"displayName":"Ada Lovelace","email":"ada@example.com","agentIds":["agent-1"],
                 "channels":[{"integrationConfigId":"%s","address":"ada@example.com","priority":1,"label":"work"}]}"""
                .formatted(acmeMail)));
        String grace = created(api.request("POST", "/v1/tenants/acme/participants")
                .body("{\"displayName\":\"Grace Hopper\",\"kind\":\"PERSON\",\"agentIds\":[\"agent-1\",\"agent-2\"]}"));
        ok(api.request("POST", "/v1/tenants/acme/participants/" + grace + ":disable"));
        String globexMail = created(api.request("POST", "/v1/tenants/globex/integrations/configs").tenant(GLOBEX)
                .body("{\"provider\":\"EMAIL\",\"name\":\"Globex mail\"}"));
        String globexPerson = created(api.request("POST", "/v1/tenants/globex/participants").tenant(GLOBEX)
                .body("{\"displayName\":\"Globex Person\",\"agentIds\":[\"agent-1\"]}"));

        String workspace = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String order = created(conversations(api, "POST", workspace, "")
                .body("{\"name\":\"Order 1042\",\"description\":\"Delivery of order 1042\"}"));
        String returns = created(conversations(api, "POST", workspace, "").body("{\"name\":\"Returns\"}"));
        String john = created(conversations(api, "POST", workspace, "/" + order + "/participants").body(
                "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"emailaddress\",\"identifierValue\":\""
                        + MEMBER_VALUE + "\"},\"status\":\"invited\"}"));
        String user = created(conversations(api, "POST", workspace, "/" + order + "/participants")
                .body("{\"type\":\"user\",\"id\":\"user-7\"}"));
        created(conversations(api, "POST", workspace, "/" + returns + "/participants").body(
                "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"emailaddress\",\"identifierValue\":\""
                        + MEMBER_VALUE + "\"}}"));
        String elsewhere = created(conversations(api, "POST", other, "").body("{\"name\":\"Elsewhere\"}"));
        String agent = created(conversations(api, "POST", other, "/" + elsewhere + "/participants")
                .body("{\"type\":\"agent\",\"id\":\"agent-9\"}"));
        ApiResponse webhook = api.request("POST", "/v1/tenants/acme/integrations/configs/" + acmeSlack
                + ":generateWebhookUrl").send();
        if (webhook.status() != 200) {
            throw new IllegalStateException("could not seed the world: " + webhook);
        }
        String url = webhook.field("webhookUrl");
        return new FuzzWorld(acmeSlack, acmeMail, ada, grace, globexMail, globexPerson, workspace, other, order,
                returns, john, user, elsewhere, agent, url.substring(url.lastIndexOf('/') + 1));
    }

    /** Every id of a stored resource, whatever its kind or tenant. */
    List<String> ids() {
        return List.of(acmeSlackConfig, acmeEmailConfig, participant, disabledParticipant, globexConfig,
                globexParticipant, workspace, otherWorkspace, conversation, otherConversation, member, userMember,
                foreignConversation, foreignMember);
    }

    /** The ids of every stored resource of the kind that the path variable {@code variable} names, in any tenant. */
    List<String> idsOfKind(String variable) {
        return switch (variable) {
            case "participantId" -> List.of(participant, disabledParticipant, globexParticipant);
            case "integrationConfigId" -> List.of(acmeSlackConfig, acmeEmailConfig, globexConfig);
            case "conversationId" -> List.of(conversation, otherConversation, foreignConversation);
            case "conversationParticipantId" -> List.of(member, userMember, foreignMember);
            case "workspaceId" -> List.of(workspace, otherWorkspace);
            default -> List.of();
        };
    }

    private static ApiRequest conversations(ApiHarness api, String method, String workspace, String rest) {
        return api.request(method, "/workspaces/" + workspace + "/conversations" + rest).tenant(workspace)
                .scopes(Scope.CONVERSATIONS_READ, Scope.CONVERSATIONS_WRITE);
    }

    private static String created(ApiRequest request) {
        ApiResponse response = request.scopes(ALL_SCOPES.toArray(String[]::new)).send();
        if (response.status() != 201) {
            throw new IllegalStateException("could not seed the world: " + response);
        }
        return response.field("id");
    }

    private static void ok(ApiRequest request) {
        ApiResponse response = request.send();
        if (response.status() != 200) {
            throw new IllegalStateException("could not seed the world: " + response);
        }
    }

    /** The whole table: every item in a canonical text form, sorted. */
    static List<String> snapshot(DynamoDbClient client, String table) {
        List<String> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> items.add(canonical(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(String::compareTo);
        return items;
    }

    /** The keys of every idempotency record in the table, read consistently; the world has none. */
    static List<String> idempotencyRecords(DynamoDbClient client, String table) {
        return client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true)
                        .filterExpression("begins_with(SK, :record)")
                        .expressionAttributeValues(Map.of(":record", AttributeValue.fromS(WriteRecorder.IDEMPOTENCY_RECORD)))
                        .build())
                .items().stream().map(item -> item.get("PK").s() + " " + item.get("SK").s()).toList();
    }

    private static String canonical(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).entrySet().stream().map(e -> e.getKey() + "=" + canonical(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String canonical(AttributeValue value) {
        if (value.s() != null) {
            return "S:" + value.s();
        }
        if (value.n() != null) {
            return "N:" + value.n();
        }
        if (value.b() != null) {
            return "B:" + value.b().asUtf8String();
        }
        if (value.bool() != null) {
            return "BOOL:" + value.bool();
        }
        if (Boolean.TRUE.equals(value.nul())) {
            return "NULL";
        }
        if (value.hasM()) {
            return "M:" + canonical(value.m());
        }
        if (value.hasL()) {
            return value.l().stream().map(FuzzWorld::canonical).collect(Collectors.joining(", ", "L:[", "]"));
        }
        if (value.hasSs()) {
            return "SS:" + value.ss().stream().sorted().toList();
        }
        if (value.hasNs()) {
            return "NS:" + value.ns().stream().sorted().toList();
        }
        if (value.hasBs()) {
            return "BS:" + value.bs().stream().map(SdkBytes::asUtf8String).sorted().toList();
        }
        return value.toString();
    }
}
