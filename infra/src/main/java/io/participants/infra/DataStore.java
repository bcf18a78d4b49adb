package io.participants.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The single DynamoDB table of the service, with the keys and indexes the functions' adapter expects (string PK,
 * SK; GSI1, GSI2 and GSI3 on GSI1PK/GSI1SK, GSI2PK/GSI2SK and GSI3PK/GSI3SK, projecting every attribute).
 * The table outlives the stack: deleting the stack must never delete tenants' data.
 *
 * <p>Encrypted with the AWS managed key ({@code aws/dynamodb}): data is encrypted at rest under KMS and key use is in
 * CloudTrail, with no key policy to maintain and no per-key charge. A customer managed key would add control over
 * the key's policy and deletion, which nothing here needs yet (no cross-account readers); switching later is an
 * in-place table update. Items that expire (the OAuth state items) carry their epoch-second deadline in
 * {@value #TTL_ATTRIBUTE}.
 */
public final class DataStore extends Construct {

    /** @param retainOnDelete keep the table when the stack is deleted (true outside throwaway test stacks) */
    public record Props(boolean retainOnDelete) {
    }

    public static final String TTL_ATTRIBUTE = "ttl";

    private final Table table;

    public DataStore(Construct scope, String id, Props props) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("PK").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("SK").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                // every accepted write, before and after, for the change-events publisher (ChangeEvents)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .removalPolicy(props.retainOnDelete() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        // GSI1: a contact's conversations and an address's directory participant; GSI2: add order in a conversation;
        // GSI3: auto-sync's schedule items by provider and due time, which the sweep queries (sparse)
        for (String index : new String[] {"GSI1", "GSI2", "GSI3"}) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index)
                    .partitionKey(Attribute.builder().name(index + "PK").type(AttributeType.STRING).build())
                    .sortKey(Attribute.builder().name(index + "SK").type(AttributeType.STRING).build())
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    public Table table() {
        return table;
    }
}
