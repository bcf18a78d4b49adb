package io.participants.api.slack;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The limits an avatar download runs within: which hosts and schemes, how many redirects, how long and how large.
 *
 * @param allowedHosts            exact host names or {@code *.domain} patterns
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

    /** Where Slack serves avatars: its own CDN, and Gravatar (with WordPress's image proxy) for default avatars. */
    public static final Set<String> SLACK_IMAGE_HOSTS =
            Set.of("avatars.slack-edge.com", "*.slack-edge.com", "secure.gravatar.com", "i0.wp.com");

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

    /** Slack's image hosts, https only, internal addresses refused, 3 s to connect, 5 s to read, 5 MiB, 3 redirects. */
    public static DownloadGuards slackDefaults() {
        try {
            return new DownloadGuards(SLACK_IMAGE_HOSTS, true, true, Duration.ofSeconds(3), Duration.ofSeconds(5),
                    FIVE_MIB, 3, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
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
