package io.participants.api.providers;

import io.participants.api.priming.CannedHttpClient;
import io.participants.api.priming.Priming;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads an image from a URL a provider handed out, within {@link DownloadGuards}: each hop, redirects included,
 * is checked for scheme, allowed host and internal address before any connection, each hop's time is cut to what
 * the invocation has left ({@link CallBudget}), and the body is capped in size and must be an image by its bytes.
 * Any provider's avatar source can use it.
 */
public final class GuardedImageDownloader {

    /** Name resolution, replaceable in tests to give a public-looking host an internal address. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String ACCEPT = "image/png, image/jpeg, image/gif, image/webp";

    private final DownloadGuards guards;
    private final HostAllowlist allowlist;
    /** The longest {@code Retry-After} of an image host's 429 that is waited out (once). */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(2);

    private final Resolver resolver;
    private final RetryPause pause;
    private final HttpClient client;

    public GuardedImageDownloader(DownloadGuards guards) {
        this(guards, RetryPause.SLEEP);
    }

    /** @param pause how a 429's wait is waited out (tests record it instead) */
    public GuardedImageDownloader(DownloadGuards guards, RetryPause pause) {
        this(guards, Priming::resolve, pause);
    }

    GuardedImageDownloader(DownloadGuards guards, Resolver resolver) {
        this(guards, resolver, RetryPause.SLEEP);
    }

    GuardedImageDownloader(DownloadGuards guards, Resolver resolver, RetryPause pause) {
        this.guards = guards;
        this.allowlist = new HostAllowlist(guards.allowedHosts());
        this.resolver = resolver;
        this.pause = pause;
        // Redirects are followed by hand so that every hop passes the same checks as the first URL.
        // answered in-process while SnapStart priming runs (see Priming)
        this.client = CannedHttpClient.wrap(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(guards.connectTimeout())
                .sslContext(guards.sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    /**
     * Downloads the image at {@code url}.
     *
     * @throws ProviderFailure {@link Reason#IMAGE_REFUSED} when a guard fails or the host refuses the image,
     *                         {@link Reason#UNAVAILABLE} when the host fails (5xx), cannot be reached or is too slow
     */
    public AvatarImage download(URI url) {
        return download(url, null, false).orElseThrow();
    }

    /**
     * As {@link #download(URI)}, for a host whose 404 means "no image" (Gravatar with {@code d=404}).
     *
     * @return empty when the host answers 404
     */
    public Optional<AvatarImage> downloadIfPresent(URI url) {
        return download(url, null, true);
    }

    /**
     * Downloads the image at {@code url}, an API that wants the caller's token (Microsoft Graph's photo): the
     * {@code Authorization} header goes to {@code url}'s own host only, never to a redirect's other host.
     *
     * @param authorization the header's value, or null for none
     * @throws ProviderFailure as {@link #download(URI)}
     */
    public AvatarImage download(URI url, String authorization) {
        return download(url, authorization, false).orElseThrow();
    }

    private Optional<AvatarImage> download(URI url, String authorization, boolean notFoundIsNone) {
        URI current = url;
        boolean waited = false;
        for (int redirects = 0; ; redirects++) {
            check(current);
            boolean sameHost = current.getHost().equalsIgnoreCase(url.getHost()) && current.getPort() == url.getPort()
                    && current.getScheme().equalsIgnoreCase(url.getScheme());
            HttpResponse<byte[]> response = fetch(current, sameHost ? authorization : null);
            int status = response.statusCode();
            if (status == 429) {
                Duration asked = retryAfter(response);
                Duration wait = asked.plus(ProviderCalls.jitter(asked));
                if (waited || asked.compareTo(MAX_RETRY_WAIT) > 0 || !CallBudget.fits(wait)) {
                    throw new ProviderFailure(Reason.RATE_LIMITED, "the image host " + current.getHost()
                            + " asked to wait " + asked.toSeconds() + " s", asked);
                }
                waitFor(wait, asked);
                waited = true;
                redirects--; // the same hop again, not a redirect
                continue;
            }
            if (status == 404 && notFoundIsNone) {
                return Optional.empty();
            }
            if (isRedirect(status)) {
                if (redirects >= guards.maxRedirects()) {
                    throw refused("more than " + guards.maxRedirects() + " redirects");
                }
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> refused("a redirect without a Location"));
                current = next(current, location);
                continue;
            }
            if (status >= 500) {
                throw new ProviderFailure(Reason.UNAVAILABLE, "the image host " + current.getHost() + " answered "
                        + status);
            }
            if (status != 200) {
                throw refused("the image host " + current.getHost() + " answered " + status);
            }
            byte[] body = response.body();
            ImageType type = ImageType.sniff(body)
                    .orElseThrow(() -> refused("the body is not a png, jpeg, gif or webp image"));
            return Optional.of(new AvatarImage(body, type.mediaType()));
        }
    }

    private void waitFor(Duration wait, Duration asked) {
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(Reason.RATE_LIMITED, "interrupted while waiting out a rate limit", asked);
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(ProviderCalls.DEFAULT_RETRY_AFTER);
    }

    private void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (!guards.httpsOnly() && scheme.equals("http"));
        if (!schemeAllowed) {
            throw refused("the scheme '" + scheme + "' is not allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("a URL with user information");
        }
        String host = uri.getHost();
        if (host == null || !allowlist.allows(host)) {
            throw refused("the host " + host + " is not allowed");
        }
        if (guards.refuseInternalAddresses()) {
            refuseInternal(host);
        }
    }

    private void refuseInternal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "the image host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (NetworkAddresses.isInternal(address)) {
                throw refused("the host " + host + " resolves to an internal address");
            }
        }
    }

    private HttpResponse<byte[]> fetch(URI uri, String authorization) {
        CallBudget budget = CallBudget.of(guards.readTimeout());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(budget.time())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, this::body);
        try {
            // The request timeout stops at the headers; this deadline also covers a body that trickles in.
            return future.get(budget.time().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw budget.timedOut(unavailable(uri));
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ProviderFailure failure) {
                    throw failure;
                }
            }
            throw budget.timedOut(e.getCause(), unavailable(uri));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(uri);
        }
    }

    private BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return BodySubscribers.replacing(new byte[0]);
        }
        OptionalLong declared;
        try {
            declared = info.headers().firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            declared = OptionalLong.empty();
        }
        boolean declaredTooLarge = declared.isPresent() && declared.getAsLong() > guards.maxBytes();
        return new CappedBody(guards.maxBytes(), declaredTooLarge);
    }

    private static URI next(URI current, String location) {
        try {
            return current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw refused("a redirect to a malformed Location");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static ProviderFailure unavailable(URI uri) {
        return new ProviderFailure(Reason.UNAVAILABLE, "the image host " + uri.getHost() + " did not answer in time"
                + " or could not be reached");
    }

    private static ProviderFailure refused(String why) {
        return new ProviderFailure(Reason.IMAGE_REFUSED, "image refused: " + why);
    }
}
