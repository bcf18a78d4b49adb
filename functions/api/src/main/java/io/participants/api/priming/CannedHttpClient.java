package io.participants.api.priming;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP client of the providers' calls (a Web API, an image download): it delegates every call, except while
 * {@link Priming} runs, when {@link CannedProviderAnswers} answers it in-process. The caller's body handler reads the
 * canned body as it would read the network's (so a size cap or an image check runs), and nothing is sent.
 */
public final class CannedHttpClient extends HttpClient {

    /** Calls answered in-process since the process started: whether priming's requests called a provider. */
    static final AtomicInteger ANSWERED = new AtomicInteger();

    private final HttpClient delegate;

    private CannedHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** {@code delegate}, answered by the canned layer while priming runs. */
    public static HttpClient wrap(HttpClient delegate) {
        return new CannedHttpClient(delegate);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return Priming.active() ? canned(request, handler) : delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        if (Priming.active()) {
            return cannedAsync(request, handler);
        }
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromises) {
        if (Priming.active()) {
            return cannedAsync(request, handler);
        }
        return delegate.sendAsync(request, handler, pushPromises);
    }

    private static <T> CompletableFuture<HttpResponse<T>> cannedAsync(HttpRequest request,
                                                                      HttpResponse.BodyHandler<T> handler) {
        try {
            return CompletableFuture.completedFuture(canned(request, handler));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> HttpResponse<T> canned(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        CannedProviderAnswers.Answer answer = CannedProviderAnswers.answer(request.uri());
        ANSWERED.incrementAndGet();
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(answer.contentType()),
                "Content-Length", List.of(Integer.toString(answer.body().length))), (name, value) -> true);
        HttpResponse.BodySubscriber<T> body = handler.apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return answer.status();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
        body.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                // the whole body is pushed below
            }

            @Override
            public void cancel() {
                // nothing to stop
            }
        });
        body.onNext(List.of(ByteBuffer.wrap(answer.body())));
        body.onComplete();
        T value = body.getBody().toCompletableFuture().join();
        return new Response<>(request, answer.status(), headers, value);
    }

    private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body)
            implements HttpResponse<T> {

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public HttpClient.Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
