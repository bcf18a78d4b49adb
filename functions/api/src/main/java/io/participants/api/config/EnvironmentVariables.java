package io.participants.api.config;

import java.util.List;

/**
 * The environment variables a function reads, each the environment's name of a {@code participants.*} property
 * (Micronaut maps {@code PARTICIPANTS_S3_ENDPOINT} to {@code participants.s3.endpoint}). The CDK stack sets them per
 * function, and local mode writes the values {@code sam local invoke} needs to run a function against it.
 */
public final class EnvironmentVariables {

    /** The deployable the Lambda serves ({@code participants.function}). */
    public static final String FUNCTION = "PARTICIPANTS_FUNCTION";
    public static final String TABLE_NAME = "PARTICIPANTS_TABLE_NAME";
    public static final String TENANT_CLAIM = "PARTICIPANTS_TENANT_CLAIM";
    public static final String AVATARS_BUCKET = "PARTICIPANTS_AVATARS_BUCKET";
    /** Whether avatar uploads are tagged pending: true on S3, false on an S3-compatible server without tagging. */
    public static final String AVATARS_TAG_UPLOADS = "PARTICIPANTS_AVATARS_TAG_UPLOADS";
    public static final String SECRETS_PREFIX = "PARTICIPANTS_SECRETS_PREFIX";
    public static final String OAUTH_REDIRECT_URI = "PARTICIPANTS_OAUTH_REDIRECT_URI";
    /** Where the inbound webhook route is published ({@code {api}/v1/webhooks/}), for activations' URLs. */
    public static final String WEBHOOKS_BASE_URL = "PARTICIPANTS_WEBHOOKS_BASE_URL";
    /** An endpoint to use instead of the AWS service's own; empty (the deployed value) means AWS's. */
    public static final String DYNAMODB_ENDPOINT = "PARTICIPANTS_DYNAMODB_ENDPOINT";
    public static final String S3_ENDPOINT = "PARTICIPANTS_S3_ENDPOINT";
    public static final String SECRETS_ENDPOINT = "PARTICIPANTS_SECRETS_ENDPOINT";
    /**
     * The change-events publisher's bus (name or ARN). Its EventBridge endpoint is AWS's, or the one the SDK reads
     * from {@code AWS_ENDPOINT_URL_EVENTBRIDGE}.
     */
    public static final String EVENT_BUS_NAME = "PARTICIPANTS_EVENT_BUS_NAME";

    /** Auto-sync's queue (the sweep sends to it, the worker delays its messages); its endpoint as for the bus. */
    public static final String AVATAR_SYNC_QUEUE_URL = "PARTICIPANTS_AVATAR_SYNC_QUEUE_URL";
    /** How long after an automatic sync the participant is due again: an ISO-8601 duration, {@code PT24H} unset. */
    public static final String AVATAR_SYNC_INTERVAL = "PARTICIPANTS_AVATAR_SYNC_INTERVAL";

    /**
     * What {@code sam local invoke --env-vars} sets to run a function against local mode: every variable whose
     * deployed value is a CloudFormation reference (the table, the bucket, the API's URL) or an AWS endpoint, and the
     * settings local mode chooses. SAM overrides only variables the template declares, so the stack declares each.
     */
    public static final List<String> LOCAL_OVERRIDES = List.of(TABLE_NAME, AVATARS_BUCKET, AVATARS_TAG_UPLOADS,
            SECRETS_PREFIX, OAUTH_REDIRECT_URI, WEBHOOKS_BASE_URL, DYNAMODB_ENDPOINT, S3_ENDPOINT, SECRETS_ENDPOINT,
            EVENT_BUS_NAME);

    private EnvironmentVariables() {
    }
}
