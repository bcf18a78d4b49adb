package io.participants.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The one region and the one key pair of local mode: the handler signs with them, the embedded S3 server checks
 * them, and the embedded DynamoDB and Secrets Manager accept any signature.
 */
final class LocalAws {

    static final Region REGION = Region.US_EAST_1;
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";
    /** The account id in the ARNs local mode makes up. */
    static final String ACCOUNT = "000000000000";

    private LocalAws() {
    }

    static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }
}
