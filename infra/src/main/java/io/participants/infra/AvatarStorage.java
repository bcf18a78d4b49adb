package io.participants.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The avatar bucket: private, TLS only, S3-managed encryption, no ACLs. Images live under
 * {@code avatars/{tenant}/{fileId}} and are read through presigned GET links. An upload is tagged
 * {@code avatar-state=pending} until the participant points to it; a lifecycle rule expires pending objects after a
 * day, so an upload whose participant write never happened does not stay. Server access logs go to a second bucket.
 * Versioning is off: a replaced avatar is deleted on purpose, and the functions never read an old one.
 */
public final class AvatarStorage extends Construct {

    /** @param retainOnDelete keep the buckets when the stack is deleted (true outside throwaway test stacks) */
    public record Props(boolean retainOnDelete) {
    }

    public static final String KEY_PREFIX = "avatars/";
    public static final String STATE_TAG = "avatar-state";
    public static final String PENDING = "pending";
    /** How long server access logs are kept. */
    public static final Duration ACCESS_LOG_RETENTION = Duration.days(365);

    private final Bucket bucket;
    private final Bucket accessLogs;

    public AvatarStorage(Construct scope, String id, Props props) {
        super(scope, id);
        RemovalPolicy removal = props.retainOnDelete() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("ExpireAccessLogs")
                        .expiration(ACCESS_LOG_RETENTION).build()))
                .removalPolicy(removal)
                .build();
        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(false)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("avatar-bucket/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("ExpirePendingUploads")
                                .tagFilters(Map.of(STATE_TAG, PENDING))
                                .expiration(Duration.days(1))
                                .build(),
                        LifecycleRule.builder().id("AbortIncompleteMultipartUploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build()))
                .removalPolicy(removal)
                .build();
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-S1")
                        .reason("This is the avatar bucket's server access log bucket; logging it into itself or a"
                                + " third bucket would only log the log deliveries.")
                        .build()));
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }
}
