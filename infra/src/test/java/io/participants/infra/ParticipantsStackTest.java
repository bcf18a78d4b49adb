package io.participants.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

/** Synthesizes the stack offline and checks the data store's settings. */
class ParticipantsStackTest {

    private final Template template = Template.fromStack(
            new ParticipantsStack(new App(), "Test", StackProps.builder().build()));

    @Test
    void tableHasTheAdaptersKeySchemaAndIsProtected() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "PK", "KeyType", "HASH"),
                        Map.of("AttributeName", "SK", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true)));
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        template.hasOutput("TableName", Match.anyValue());
    }

    @Test
    void tableHasTheIndexesTheAdapterQueries() {
        for (String index : List.of("GSI1", "GSI2")) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("GlobalSecondaryIndexes",
                    Match.arrayWith(List.of(Map.of(
                            "IndexName", index,
                            "KeySchema", List.of(
                                    Map.of("AttributeName", index + "PK", "KeyType", "HASH"),
                                    Map.of("AttributeName", index + "SK", "KeyType", "RANGE")),
                            "Projection", Map.of("ProjectionType", "ALL"))))));
        }
    }
}
