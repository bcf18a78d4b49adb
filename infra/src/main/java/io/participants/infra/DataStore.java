package io.participants.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The single DynamoDB table of the service, with the key schema the functions' adapter expects (string PK, SK).
 * The table outlives the stack: deleting the stack must never delete tenants' data.
 */
public final class DataStore extends Construct {

    /** @param retainOnDelete keep the table when the stack is deleted (true outside throwaway test stacks) */
    public record Props(boolean retainOnDelete) {
    }

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
                .removalPolicy(props.retainOnDelete() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
    }

    public Table table() {
        return table;
    }
}
