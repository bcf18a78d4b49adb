package io.participants.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An HTTP response the emulated gateway sends back: status, headers (several values each) and body bytes. */
public record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** API Gateway's own JSON answer, such as {@code {"message":"Unauthorized"}}. */
    public static GatewayResponse message(int status, String message) {
        return new GatewayResponse(status, Map.of("Content-Type", List.of("application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
