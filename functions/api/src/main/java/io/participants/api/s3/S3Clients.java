package io.participants.api.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import io.participants.api.priming.CannedSdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import io.participants.api.aws.ClientBudgets;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** The sync S3 client and the presigner of one container, built together so both reach the same endpoint. */
public record S3Clients(S3Client client, S3Presigner presigner) implements AutoCloseable {

    public S3Clients {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(presigner, "presigner");
    }

    /**
     * Region and credentials from the SDK's default chains (the Lambda environment).
     *
     * @param endpointOverride an S3-compatible server, or null for AWS itself
     */
    public static S3Clients create(URI endpointOverride, List<ExecutionInterceptor> interceptors) {
        return create(DefaultAwsRegionProviderChain.builder().build().getRegion(),
                DefaultCredentialsProvider.builder().build(), endpointOverride, interceptors);
    }

    /**
     * @param endpointOverride an S3-compatible server, or null for AWS itself
     */
    public static S3Clients create(Region region, AwsCredentialsProvider credentials, URI endpointOverride) {
        return create(region, credentials, endpointOverride, List.of());
    }

    /**
     * @param endpointOverride an S3-compatible server, or null for AWS itself
     * @param interceptors     more interceptors for the client (the presigner makes no calls)
     */
    public static S3Clients create(Region region, AwsCredentialsProvider credentials, URI endpointOverride,
                                   List<ExecutionInterceptor> interceptors) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        // S3-compatible servers seldom resolve bucket subdomains of their own host, so address buckets by path there.
        // Every upload waits for "100 Continue" before it sends its body: S3 may refuse a PutObject as soon as it has
        // read the headers (403, 400, 503 SlowDown) and close the connection. Without the header the JDK's URL
        // connection writes the body into that closed connection and loses the answer: the caller sees a transport
        // failure, retried three times, instead of S3's error. The SDK adds the header from 1 MiB only by default.
        // An upload's body is its bytes alone, its checksum in a header (S3AvatarStore.crc32): no aws-chunked framing,
        // whose trailing chunks a server that answers on the image's last byte (s3proxy) leaves unread, closing the
        // connection under them. The payload is signed whole instead, an avatar being 5 MiB at most.
        S3Configuration configuration = S3Configuration.builder()
                .pathStyleAccessEnabled(endpointOverride != null)
                .expectContinueEnabled(true)
                .expectContinueThresholdInBytes(0L)
                .chunkedEncodingEnabled(false)
                .build();
        // the JDK's URL connection: no Netty or Apache pools to start on a cold Lambda
        S3ClientBuilder clientBuilder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(configuration)
                .httpClient(CannedSdkHttpClient.wrap(UrlConnectionHttpClient.create()))
                .overrideConfiguration(ClientBudgets.overrides(interceptors));
        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(configuration);
        if (endpointOverride != null) {
            clientBuilder.endpointOverride(endpointOverride);
            presignerBuilder.endpointOverride(endpointOverride);
        }
        return new S3Clients(clientBuilder.build(), presignerBuilder.build());
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
