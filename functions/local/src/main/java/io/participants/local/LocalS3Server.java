package io.participants.local;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * s3proxy in-process on 127.0.0.1 (or the address local mode is told), checking SigV4 signatures (presigned links included) against local mode's key
 * pair, with its objects in a directory or in memory.
 */
final class LocalS3Server implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;

    private final String host;

    private LocalS3Server(S3Proxy proxy, String host) {
        this.proxy = proxy;
        this.host = host;
    }

    /**
     * @param blobDir where objects are kept, or null to keep them in memory
     * @param port    0 picks a free port
     */
    static LocalS3Server start(Path blobDir, int port) {
        return start(blobDir, "127.0.0.1", port);
    }

    /**
     * @param bind the IPv4 address to listen on: 127.0.0.1, or 0.0.0.0 for a container to reach it
     */
    static LocalS3Server start(Path blobDir, String bind, int port) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore(blobDir))
                .endpoint(URI.create("http://" + bind + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)
                // no graceful stop: Jetty would wait (30 s by default) for clients' idle keep-alive connections
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            // start() returns before Jetty is listening
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy is " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy);
            throw new IllegalStateException("Interrupted while s3proxy started", e);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("s3proxy did not start on " + bind + ":" + port, e);
        }
        // a server on every address is reached on loopback by local mode itself
        return new LocalS3Server(proxy, bind.equals("0.0.0.0") ? "127.0.0.1" : bind);
    }

    private static BlobStore blobStore(Path blobDir) {
        if (blobDir == null) {
            return new TransientNio2BlobStore();
        }
        try {
            Files.createDirectories(blobDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + blobDir, e);
        }
        return new FilesystemNio2BlobStore(blobDir.toString());
    }

    String endpoint() {
        return "http://" + host + ":" + port();
    }

    int port() {
        return proxy.getPort();
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // it did not start; nothing more to release
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
