package io.participants.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the cold and warm figures of every function are compared with: the get-participant route written with no
 * framework. One DynamoDB client built like the service's own (sync, on the JDK's URL connection, the same endpoint
 * setting), the same consistent GetItem of the participant item ({@code PK = T#<tenant>}, {@code SK =
 * PARTICIPANT#<id>}), then, as the route does for the channels' key status, one consistent BatchGetItem of the
 * configs its channels name; a small JSON body written by hand. Unlike the real route it does not validate ids beyond
 * the key, check scopes, or map errors to problems.
 */
public final class BaselineHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final DynamoDbClient dynamo;
    private final String table;
    private final String tenantClaim;

    /** The constructor Lambda calls: configuration from the environment (or system properties), as the service's. */
    public BaselineHandler() {
        this(client(setting("participants.dynamodb.endpoint", "PARTICIPANTS_DYNAMODB_ENDPOINT", "")),
                setting("participants.table-name", "PARTICIPANTS_TABLE_NAME", "participants"),
                setting("participants.tenant-claim", "PARTICIPANTS_TENANT_CLAIM", "tenant_id"));
    }

    public BaselineHandler(DynamoDbClient dynamo, String table, String tenantClaim) {
        this.dynamo = dynamo;
        this.table = table;
        this.tenantClaim = tenantClaim;
    }

    /** Built as {@code ServiceFactory.dynamoDbClient} builds the service's client. */
    public static DynamoDbClient client(String endpoint) {
        var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = event.getPathParameters();
        String tenant = path == null ? null : path.get("tenantId");
        String id = path == null ? null : path.get("participantId");
        if (tenant == null || id == null || !tenant.equals(claim(event))) {
            return response(404, "{\"status\":404}");
        }
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("T#" + tenant), "SK", AttributeValue.fromS("PARTICIPANT#" + id))))
                .item();
        if (item == null || item.isEmpty()) {
            return response(404, "{\"status\":404}");
        }
        int connected = configs(tenant, item).size();
        return response(200, "{\"id\":" + quote(id)
                + ",\"kind\":" + quote(text(item, "kind"))
                + ",\"displayName\":" + quote(text(item, "displayName"))
                + ",\"email\":" + quote(text(item, "email"))
                + ",\"version\":" + item.get("version").n()
                + ",\"configs\":" + connected + "}");
    }

    /** The configs the participant's channels name, read as the route reads them for its health. */
    private List<Map<String, AttributeValue>> configs(String tenant, Map<String, AttributeValue> participant) {
        AttributeValue channels = participant.get("channels");
        if (channels == null || !channels.hasL() || channels.l().isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> keys = channels.l().stream()
                .map(channel -> channel.m().get("integrationConfigId").s()).distinct()
                .map(config -> Map.of("PK", AttributeValue.fromS("T#" + tenant),
                        "SK", AttributeValue.fromS("CONFIG#" + config)))
                .toList();
        return dynamo.batchGetItem(batch -> batch.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(keys).consistentRead(true).build())))
                .responses().getOrDefault(table, List.of());
    }

    private String claim(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return null;
        }
        return context.getAuthorizer().getJwt().getClaims().get(tenantClaim);
    }

    private static APIGatewayV2HTTPResponse response(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** A JSON string literal, or {@code null}. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(variable);
        }
        return value == null ? fallback : value;
    }
}
