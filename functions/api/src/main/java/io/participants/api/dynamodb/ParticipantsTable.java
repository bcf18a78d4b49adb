package io.participants.api.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The single table that holds every item of the service, keyed by {@code PK} and {@code SK}; docs/data-model.md
 * lists the item kinds and each endpoint's access pattern. The CDK stack declares the same keys.
 */
public final class ParticipantsTable {

    public static final String PK = "PK";
    public static final String SK = "SK";
    /** The table's time-to-live attribute (epoch seconds); only short-lived items such as OAuth states carry it. */
    public static final String TTL = "ttl";
    /** Identifier index: a contact's conversations, and the directory participant holding an address. */
    public static final String GSI1 = "GSI1";
    /** Order index: a conversation's participants in the order they were added. */
    public static final String GSI2 = "GSI2";
    /**
     * Due index: auto-sync schedule items by provider and next due time, which the sweep queries (never a scan). The
     * one index whose partition spans tenants: only the sweep reads it, and it only learns whom to sync.
     */
    public static final String GSI3 = "GSI3";

    private ParticipantsTable() {
    }

    /**
     * The table's stream: every accepted write with its item before and after, which the change-events publisher
     * reads (the CDK stack declares the same).
     */
    public static final StreamSpecification STREAM = StreamSpecification.builder()
            .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build();

    /** The table as tests and local mode create it; production creates it from the CDK stack. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build(),
                        string(GSI1 + "PK"), string(GSI1 + "SK"), string(GSI2 + "PK"), string(GSI2 + "SK"),
                        string(GSI3 + "PK"), string(GSI3 + "SK"))
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(index(GSI1), index(GSI2), index(GSI3))
                .streamSpecification(STREAM)
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    /** The due index as an existing table (local mode's, from before auto-sync) gets it added. */
    public static GlobalSecondaryIndex dueIndex() {
        return index(GSI3);
    }

    /** Indexes are sparse (only items with both keys appear) and project every attribute. */
    private static GlobalSecondaryIndex index(String name) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName(name + "PK").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(name + "SK").keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
