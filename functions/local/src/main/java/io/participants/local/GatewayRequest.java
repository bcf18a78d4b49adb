package io.participants.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as it reaches the emulated gateway: raw path and query, headers by any case, body bytes. */
public record GatewayRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    /** Every value of header {@code name}, matched case-insensitively, in arrival order. */
    public List<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    public Optional<String> firstHeader(String name) {
        return header(name).stream().findFirst();
    }
}
