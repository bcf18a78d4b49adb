package io.participants.api.providers;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The limits an avatar download runs within, the same for every provider: which hosts and schemes, how many
 * redirects, how long and how large. Each provider's source narrows them to its own image hosts with
 * {@link #forProvider}.
 *
 * @param allowedHosts            exact host names or {@code *.domain} patterns; empty means each provider's own
 *                                hosts, a list (a stand-in image host in tests and local mode) applies to every
 *                                provider
 * @param httpsOnly               refuse plain http (off only where a test serves images over http)
 * @param refuseInternalAddresses refuse hosts resolving to loopback, link-local or private addresses (off only
 *                                where tests must use loopback)
 * @param connectTimeout          to open a connection
 * @param readTimeout             for the whole response of one hop, body included
 * @param maxBytes                the largest image accepted
 * @param maxRedirects            redirects followed, each re-checked
 * @param sslContext              trust for https (the JVM default outside tests)
 */
public record DownloadGuards(Set<String> allowedHosts, boolean httpsOnly, boolean refuseInternalAddresses,
                             Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
                             SSLContext sslContext) {

    public static final long FIVE_MIB = 5L * 1024 * 1024;

    public DownloadGuards {
        allowedHosts = Set.copyOf(allowedHosts);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(sslContext, "sslContext");
        if (maxBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
        }
    }

    /**
     * Each provider's own image hosts, https only, internal addresses refused, 3 s to connect, 5 s to read, 5 MiB,
     * 3 redirects.
     */
    public static DownloadGuards defaults() {
        try {
            return new DownloadGuards(Set.of(), true, true, Duration.ofSeconds(3), Duration.ofSeconds(5),
                    FIVE_MIB, 3, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /**
     * The guards for one provider: its own image hosts, unless these guards name hosts for every provider (a
     * stand-in image host).
     */
    public DownloadGuards forProvider(Set<String> providerImageHosts) {
        return allowedHosts.isEmpty() ? withAllowedHosts(providerImageHosts) : this;
    }

    public DownloadGuards withAllowedHosts(Set<String> hosts) {
        return new DownloadGuards(hosts, httpsOnly, refuseInternalAddresses, connectTimeout, readTimeout, maxBytes,
                maxRedirects, sslContext);
    }

    public DownloadGuards withHttpsOnly(boolean https) {
        return new DownloadGuards(allowedHosts, https, refuseInternalAddresses, connectTimeout, readTimeout, maxBytes,
                maxRedirects, sslContext);
    }

    public DownloadGuards withRefuseInternalAddresses(boolean refuse) {
        return new DownloadGuards(allowedHosts, httpsOnly, refuse, connectTimeout, readTimeout, maxBytes,
                maxRedirects, sslContext);
    }

    public DownloadGuards withTimeouts(Duration connect, Duration read) {
        return new DownloadGuards(allowedHosts, httpsOnly, refuseInternalAddresses, connect, read, maxBytes,
                maxRedirects, sslContext);
    }

    public DownloadGuards withMaxBytes(long bytes) {
        return new DownloadGuards(allowedHosts, httpsOnly, refuseInternalAddresses, connectTimeout, readTimeout, bytes,
                maxRedirects, sslContext);
    }

    public DownloadGuards withSslContext(SSLContext context) {
        return new DownloadGuards(allowedHosts, httpsOnly, refuseInternalAddresses, connectTimeout, readTimeout,
                maxBytes, maxRedirects, context);
    }
}
