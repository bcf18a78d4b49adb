package io.participants.api.dynamodb;

import io.participants.api.dynamodb.IdempotencyRecords.Lease;
import io.participants.api.dynamodb.IdempotencyRecords.StoredAnswer;

import java.util.function.Function;

/**
 * The completion of an idempotent create: its idempotency record's answer, rendered from the resource the store is
 * about to write and put in the same transaction, so the resource and its stored answer commit together or not at
 * all. Set around one create on the request's thread; the stores of created resources add it to their write.
 */
public final class CreateCompletion {

    private static final ThreadLocal<CreateCompletion> CURRENT = new ThreadLocal<>();

    private final Lease lease;
    private final Function<Object, StoredAnswer> render;
    private StoredAnswer answer;

    private CreateCompletion(Lease lease, Function<Object, StoredAnswer> render) {
        this.lease = lease;
        this.render = render;
    }

    /**
     * Runs {@code create} on this thread with the completion of {@code lease} in place, {@code render} turning the
     * created resource into the answer to store, and returns the answer committed with the resource.
     */
    public static StoredAnswer run(Lease lease, Function<Object, StoredAnswer> render, Runnable create) {
        CreateCompletion completion = new CreateCompletion(lease, render);
        CURRENT.set(completion);
        try {
            create.run();
        } finally {
            CURRENT.remove();
        }
        if (completion.answer == null) {
            throw new IllegalStateException("the create wrote no idempotency record");
        }
        return completion.answer;
    }

    /**
     * Adds the running idempotent create's completion to {@code tx}, with the answer for {@code created}.
     *
     * @return false when no idempotent create runs on this thread
     */
    static boolean addTo(Transaction tx, Object created) {
        CreateCompletion completion = CURRENT.get();
        if (completion == null) {
            return false;
        }
        completion.answer = completion.render.apply(created);
        tx.put(IdempotencyRecords.completed(completion.lease, completion.answer),
                IdempotencyRecords.held(completion.lease), IdempotencyRecords.LeaseLostException::new);
        return true;
    }
}
