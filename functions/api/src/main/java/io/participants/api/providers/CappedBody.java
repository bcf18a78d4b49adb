package io.participants.api.providers;

import io.participants.domain.avatar.ProviderFailure;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a response body and gives up, cancelling the stream, as soon as it grows past a size cap. */
final class CappedBody implements BodySubscriber<byte[]> {

    private final long maxBytes;
    private final boolean declaredTooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    CappedBody(long maxBytes, boolean declaredTooLarge) {
        this.maxBytes = maxBytes;
        this.declaredTooLarge = declaredTooLarge;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (declaredTooLarge) {
            s.cancel();
            result.completeExceptionally(new ProviderFailure(ProviderFailure.Reason.IMAGE_REFUSED,
                    "image refused: the response declares more than " + maxBytes + " bytes"));
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
            if (received > maxBytes) {
                // A missing or lying Content-Length must not let the body fill the memory.
                subscription.cancel();
                result.completeExceptionally(tooLarge());
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    private ProviderFailure tooLarge() {
        return new ProviderFailure(ProviderFailure.Reason.IMAGE_REFUSED,
                "image refused: the image is larger than " + maxBytes + " bytes");
    }
}
