package io.participants.api.conversations;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One workspace of the conversations API as its own members see it: a UUID tenant whose token carries the
 * conversations scopes, with shortcuts for the requests most tests start from.
 */
final class Workspace {

    static final String READ = "conversations:read";
    static final String WRITE = "conversations:write";

    private final ApiHarness api;
    private final String id;

    Workspace(ApiHarness api) {
        this.api = api;
        this.id = UUID.randomUUID().toString();
    }

    String id() {
        return id;
    }

    /** A request with this workspace's token: both conversations scopes. */
    ApiRequest request(String method, String path) {
        return api.request(method, path).tenant(id).scopes(READ, WRITE);
    }

    String conversations() {
        return "/workspaces/" + id + "/conversations";
    }

    String participants(String conversationId) {
        return conversations() + "/" + conversationId + "/participants";
    }

    /** The path of a participant by identifier; {@code encodedValue} goes into the path as given. */
    String participant(String conversationId, String key, String encodedValue) {
        return participants(conversationId) + "/" + key + "/" + encodedValue;
    }

    String conversation(String name) {
        ApiResponse created = request("POST", conversations()).jsonBody(Map.of("name", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    ApiResponse add(String conversationId, Map<String, ?> body) {
        return request("POST", participants(conversationId)).jsonBody(body).send();
    }

    /** Adds a contact and returns the answer, which must be 201. */
    ApiResponse addContact(String conversationId, String key, String value, String status) {
        ApiResponse added = add(conversationId, contact(key, value, status));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added;
    }

    ApiResponse patch(String path, String json) {
        return request("PATCH", path).body(json).send();
    }

    ApiResponse get(String path) {
        return request("GET", path).send();
    }

    static Map<String, Object> contact(String key, String value, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "contact");
        body.put("contact", Map.of("identifierKey", key, "identifierValue", value));
        if (status != null) {
            body.put("status", status);
        }
        return body;
    }

    /** Every page of a list, following nextPageToken from the first request's query. */
    List<JsonNode> walk(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages < 100; pages++) {
            ApiRequest request = request("GET", path);
            query.forEach(request::query);
            if (token != null) {
                request.query("pageToken", token);
            }
            ApiResponse page = request.send();
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("results").values().forEach(all::add);
            token = page.field("nextPageToken");
            if (token == null) {
                return all;
            }
        }
        throw new AssertionError("more than 100 pages of " + path);
    }

    static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.getStringValue();
    }
}
