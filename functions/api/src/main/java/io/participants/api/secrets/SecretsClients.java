package io.participants.api.secrets;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import io.participants.api.priming.CannedSdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import io.participants.api.aws.ClientBudgets;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** Builds the container's one sync Secrets Manager client, optionally aimed at a local endpoint. */
public final class SecretsClients {

    private SecretsClients() {
    }

    /**
     * Region and credentials from the SDK's default chains (the Lambda environment).
     *
     * @param endpointOverride a Secrets Manager-compatible endpoint, or null for AWS itself (or
     *                         {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, which the SDK honours)
     */
    public static SecretsManagerClient create(URI endpointOverride, List<ExecutionInterceptor> interceptors) {
        return create(DefaultAwsRegionProviderChain.builder().build().getRegion(),
                DefaultCredentialsProvider.builder().build(), endpointOverride, interceptors);
    }

    /**
     * @param endpointOverride a Secrets Manager-compatible endpoint, or null for AWS itself
     */
    public static SecretsManagerClient create(Region region, AwsCredentialsProvider credentials,
                                              URI endpointOverride) {
        return create(region, credentials, endpointOverride, List.of());
    }

    /**
     * @param endpointOverride a Secrets Manager-compatible endpoint, or null for AWS itself
     * @param interceptors     more interceptors for the client
     */
    public static SecretsManagerClient create(Region region, AwsCredentialsProvider credentials,
                                              URI endpointOverride, List<ExecutionInterceptor> interceptors) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        // the JDK's URL connection: no Netty or Apache pools to start on a cold Lambda
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(CannedSdkHttpClient.wrap(UrlConnectionHttpClient.create()))
                .overrideConfiguration(ClientBudgets.overrides(interceptors));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }
}
