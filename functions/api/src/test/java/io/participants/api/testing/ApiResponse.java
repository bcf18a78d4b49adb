package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** A handler's answer, with case-insensitive headers and the body as a JSON tree. */
public final class ApiResponse {

    private final int status;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final String body;
    private final JsonMapper json;

    ApiResponse(APIGatewayV2HTTPResponse response, JsonMapper json) {
        this.status = response.getStatusCode();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.putIfAbsent(k, String.join(",", v)));
        }
        String raw = response.getBody();
        this.body = raw != null && response.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(raw)) : raw;
        this.json = json;
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public String contentType() {
        String type = headers.get("content-type");
        return type == null ? null : type.split(";")[0].trim();
    }

    public JsonNode json() {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** A top-level string field of the JSON body. */
    public String field(String name) {
        JsonNode node = json().get(name);
        return node == null || node.isNull() ? null : node.coerceStringValue();
    }

    /** The version the strong {@code ETag} header carries, such as 3 for {@code "3"}. */
    public long version() {
        String tag = header("ETag");
        return Long.parseLong(tag.substring(1, tag.length() - 1));
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + body;
    }
}
