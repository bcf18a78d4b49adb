package io.participants.api.changes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream records as {@link StreamChange}s, from either reader: Lambda's event (its own attribute model) or the
 * DynamoDB Streams API (the SDK's, as local mode reads DynamoDB Local's stream).
 */
public final class StreamRecords {

    private StreamRecords() {
    }

    /** A record of Lambda's DynamoDB event. */
    public static StreamChange of(DynamodbEvent.DynamodbStreamRecord record) {
        var stream = record.getDynamodb();
        if (stream == null) {
            throw new MalformedChangeException("stream record without its dynamodb part");
        }
        long created = stream.getApproximateCreationDateTime() == null ? 0
                : stream.getApproximateCreationDateTime().getTime();
        return new StreamChange(record.getEventName(), stream.getSequenceNumber(), created, sdk(stream.getKeys()),
                sdk(stream.getOldImage()), sdk(stream.getNewImage()));
    }

    /** A record read with the DynamoDB Streams API. */
    public static StreamChange of(Record record) {
        var stream = record.dynamodb();
        long created = stream.approximateCreationDateTime() == null ? 0
                : stream.approximateCreationDateTime().toEpochMilli();
        return new StreamChange(record.eventNameAsString(), stream.sequenceNumber(), created,
                stream.hasKeys() ? stream.keys() : Map.of(), stream.hasOldImage() ? stream.oldImage() : Map.of(),
                stream.hasNewImage() ? stream.newImage() : Map.of());
    }

    private static Map<String, AttributeValue> sdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((name, value) -> out.put(name, sdk(value)));
        }
        return out;
    }

    private static AttributeValue sdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(sdk(v.getM()));
        }
        if (v.getL() != null) {
            List<AttributeValue> list = v.getL().stream().map(StreamRecords::sdk).toList();
            return AttributeValue.fromL(list);
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        throw new MalformedChangeException("stream record with an attribute of no known type");
    }
}
