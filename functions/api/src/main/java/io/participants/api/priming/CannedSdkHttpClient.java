package io.participants.api.priming;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS SDK HTTP client of every AWS client of the service: it delegates each call to the real client, except while
 * {@link Priming} runs, when {@link CannedAwsAnswers} answers it in-process with a valid response of the operation's
 * shape. The SDK's whole pipeline (marshalling, signing, retries, unmarshalling) runs either way.
 */
public final class CannedSdkHttpClient implements SdkHttpClient {

    /** Calls answered in-process since the process started: whether priming's requests made any AWS call. */
    static final AtomicInteger ANSWERED = new AtomicInteger();

    private final SdkHttpClient delegate;

    private CannedSdkHttpClient(SdkHttpClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** {@code delegate}, answered by the canned layer while priming runs. */
    public static SdkHttpClient wrap(SdkHttpClient delegate) {
        return new CannedSdkHttpClient(delegate);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!Priming.active()) {
            return delegate.prepareRequest(request);
        }
        CannedAwsAnswers.Answer answer = CannedAwsAnswers.answer(request);
        ANSWERED.incrementAndGet();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.putHeader("x-amzn-RequestId", "snapstart-priming");
                response.putHeader("Content-Length", Integer.toString(answer.body().length));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                        .build();
            }

            @Override
            public void abort() {
                // answered in memory: nothing to abort
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
