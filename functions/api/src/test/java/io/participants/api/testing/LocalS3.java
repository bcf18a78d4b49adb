package io.participants.api.testing;

import io.participants.api.s3.S3Clients;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory s3proxy server on 127.0.0.1 for the whole test JVM, checking SigV4 like S3 does.
 * Each test class takes its own bucket, so classes never see each other's objects.
 */
public final class LocalS3 {

    public static final Region REGION = Region.US_EAST_1;
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static URI endpoint;
    private static S3Client client;

    private LocalS3() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            try {
                proxy.start();
                // start() returns before Jetty is listening
                while (!"STARTED".equals(proxy.getState())) {
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception e) {
                    // the JVM is exiting; nothing to keep
                }
            }));
            endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        }
        return endpoint;
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** A client for test set-up and checks, built like the service builds its own. */
    public static synchronized S3Client client() {
        if (client == null) {
            client = S3Clients.create(REGION, credentials(), endpoint()).client();
        }
        return client;
    }

    /** Creates a new, empty bucket and returns its name. */
    public static String newBucket() {
        String name = "avatars-test-" + BUCKETS.incrementAndGet();
        try {
            client().createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException e) {
            // a loaded machine: the first attempt created it but answered after the client's timeout, and the SDK's
            // retry found it there; the name is this call's own, so the bucket is the new, empty one
        }
        return name;
    }
}
