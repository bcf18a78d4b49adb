package io.participants.local;

import io.participants.api.dynamodb.ParticipantsTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

import java.net.URI;
import java.security.SecureRandom;

/**
 * What the CDK stack creates in AWS, created at start in whatever local mode talks to (its embedded servers or the
 * endpoints of {@code AWS_ENDPOINT_URL_*}): the table, the avatars bucket and the OAuth state key. Each step leaves
 * what already exists as it is.
 */
final class LocalProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioning.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int STATE_KEY_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalProvisioning() {
    }

    static void ensureTable(URI endpoint, String table) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.createTable(ParticipantsTable.createTableRequest(table));
        } catch (ResourceInUseException exists) {
            // kept from an earlier run
        }
    }

    static void ensureBucket(URI endpoint, String bucket) {
        try (S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            // 409: BucketAlreadyOwnedByYou, kept from an earlier run (or BucketAlreadyExists on stricter servers)
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    /** Creates the secret {@code name} holding a random 64-character key unless it exists; logs the name only. */
    static void ensureStateKey(URI endpoint, String name) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.createSecret(b -> b.name(name)
                    .description("Signs the OAuth states of local mode")
                    .secretString(randomKey()));
            LOG.info("Created the OAuth state key secret {}", name);
        } catch (ResourceExistsException exists) {
            // kept from an earlier run
        }
    }

    static String randomKey() {
        StringBuilder key = new StringBuilder(STATE_KEY_LENGTH);
        for (int i = 0; i < STATE_KEY_LENGTH; i++) {
            key.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return key.toString();
    }
}
