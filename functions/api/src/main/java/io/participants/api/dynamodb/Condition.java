package io.participants.api.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** A condition expression with its values. */
record Condition(String expression, Map<String, AttributeValue> values) {

    static final Condition NOT_EXISTS = new Condition("attribute_not_exists(PK)", Map.of());
    static final Condition EXISTS = new Condition("attribute_exists(PK)", Map.of());

    static Condition versionIs(long version) {
        return new Condition("version = :expectedVersion", Map.of(":expectedVersion", Keys.n(version)));
    }

    /** DynamoDB refuses an empty value map, so none is sent when the expression has no placeholders. */
    Map<String, AttributeValue> nullableValues() {
        return values.isEmpty() ? null : values;
    }
}
