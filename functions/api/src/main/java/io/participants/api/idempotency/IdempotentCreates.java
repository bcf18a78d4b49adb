package io.participants.api.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.dynamodb.CreateCompletion;
import io.participants.api.dynamodb.IdempotencyRecords;
import io.participants.api.dynamodb.IdempotencyRecords.Acquired;
import io.participants.api.dynamodb.IdempotencyRecords.Claim;
import io.participants.api.dynamodb.IdempotencyRecords.InUse;
import io.participants.api.dynamodb.IdempotencyRecords.Lease;
import io.participants.api.dynamodb.IdempotencyRecords.LeaseLostException;
import io.participants.api.dynamodb.IdempotencyRecords.Replay;
import io.participants.api.dynamodb.IdempotencyRecords.Reused;
import io.participants.api.dynamodb.IdempotencyRecords.StoredAnswer;
import io.participants.api.http.JsonBodyFilter;
import io.participants.api.http.ProblemType;
import io.participants.api.http.Problems;
import io.participants.domain.common.TenantId;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates that honour an {@code Idempotency-Key}: the same key with the same request within 24 hours answers the
 * first answer again (status, body bytes and headers) without a second write; with another request it is 422
 * {@code idempotency-key-reused}; while the first is still running, 409 {@code idempotency-key-in-use} with
 * Retry-After. Costs one conditional PutItem (the claim) before the create, whose own write carries the answer;
 * a create refused or failed deletes the claim. Without the header, the create runs exactly as it would.
 */
@Singleton
public final class IdempotentCreates {

    /** Set on a replayed answer, as Stripe does. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** A lease outside an invocation, and at most: the longest function timeout. */
    static final long MAX_LEASE_MILLIS = 30_000;
    private static final long MIN_LEASE_MILLIS = 1_000;

    private final IdempotencyRecords records;
    private final JsonMapper json;

    IdempotentCreates(IdempotencyRecords records, JsonMapper json) {
        this.records = records;
        this.json = json;
    }

    /**
     * Runs {@code create} under the request's {@code Idempotency-Key}, if it has one, and answers with
     * {@code answer}'s rendering of the created resource, or with the first answer under that key.
     *
     * @param idempotencyKey the header's value, null without it
     * @param type           the resource the create's store writes, which {@code answer} renders
     */
    public <R> HttpResponse<?> create(HttpRequest<?> request, TenantId tenant, @Nullable String idempotencyKey,
                                      Class<R> type, Supplier<R> create, Function<R, MutableHttpResponse<?>> answer) {
        String key = IdempotencyKeyHeader.of(idempotencyKey).orElse(null);
        if (key == null) {
            return answer.apply(create.get());
        }
        Claim claim = records.claim(tenant, key, fingerprint(request), leaseMillis());
        if (claim instanceof Replay replay) {
            return response(replay.answer()).header(REPLAYED, "true");
        }
        if (claim instanceof InUse inUse) {
            return inUse(request, inUse.retryAfterSeconds());
        }
        if (claim instanceof Reused) {
            return Problems.response(request, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for another request within the last 24 hours; a new request"
                            + " needs a new key");
        }
        Lease lease = ((Acquired) claim).lease();
        try {
            return response(CreateCompletion.run(lease, created -> stored(answer.apply(type.cast(created))),
                    create::get));
        } catch (LeaseLostException e) {
            return inUse(request, 1);
        } catch (RuntimeException e) {
            records.release(lease);
            throw e;
        }
    }

    /** The method, the route (the tenant is in it) and the body's bytes as they arrived. */
    static byte[] fingerprint(HttpRequest<?> request) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update((request.getMethodName() + " " + request.getPath() + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] body = JsonBodyFilter.rawBody(request);
        if (body != null) {
            sha256.update(body);
        }
        return sha256.digest();
    }

    /** Until the invocation can start no more AWS call, so a crashed create frees its key when it would have ended. */
    private static long leaseMillis() {
        return Math.max(MIN_LEASE_MILLIS, Math.min(InvocationDeadline.remainingMillis(), MAX_LEASE_MILLIS));
    }

    private StoredAnswer stored(MutableHttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : response.getHeaders().names()) {
            headers.put(name, String.join(", ", response.getHeaders().getAll(name)));
        }
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        try {
            return new StoredAnswer(response.code(), headers, json.writeValueAsBytes(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MutableHttpResponse<byte[]> response(StoredAnswer stored) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(stored.status()))
                .body(stored.body());
        stored.headers().forEach(response::header);
        return response;
    }

    private static HttpResponse<?> inUse(HttpRequest<?> request, long retryAfterSeconds) {
        return Problems.response(request, ProblemType.IDEMPOTENCY_KEY_IN_USE,
                        "A request with this Idempotency-Key is still in progress; retry when it has ended")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
