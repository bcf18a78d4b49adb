package io.participants.api.changes;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * One record of the table's stream, as the publisher reads it whatever delivered it (Lambda's event, or local mode's
 * stream reader): the write's kind, the item's key, its images before and after, and the record's place in its shard.
 *
 * @param eventName                 {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param sequenceNumber            the record's sequence number, which a batch item failure names
 * @param approximateCreationMillis when DynamoDB wrote the record (the time of a delete)
 * @param oldImage                  the item before the write; empty for an insert
 * @param newImage                  the item after the write; empty for a remove
 */
public record StreamChange(String eventName, String sequenceNumber, long approximateCreationMillis,
                           Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
                           Map<String, AttributeValue> newImage) {

    public static final String INSERT = "INSERT";
    public static final String MODIFY = "MODIFY";
    public static final String REMOVE = "REMOVE";

    public StreamChange {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        oldImage = oldImage == null ? Map.of() : Map.copyOf(oldImage);
        newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
    }
}
