package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Stream records as Lambda hands them to the publisher: written as the DynamoDB Streams event JSON that the event
 * source mapping sends (the format of {@code events/change-events/} and {@code sam local invoke -e}), then read back
 * with aws-lambda-java-serialization, as the Java runtime reads its input.
 */
public final class LambdaStreamEvents {

    public static final String REGION = "us-east-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaStreamEvents() {
    }

    /** The event JSON of {@code records} read from {@code streamArn}. */
    public static String json(List<Record> records, String streamArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode out = event.putArray("Records");
        for (Record record : records) {
            ObjectNode r = out.addObject();
            r.put("eventID", record.eventID());
            r.put("eventName", record.eventNameAsString());
            r.put("eventVersion", "1.1");
            r.put("eventSource", "aws:dynamodb");
            r.put("awsRegion", REGION);
            ObjectNode dynamodb = r.putObject("dynamodb");
            var stream = record.dynamodb();
            if (stream.approximateCreationDateTime() != null) {
                // epoch seconds, as the event source mapping writes it
                dynamodb.put("ApproximateCreationDateTime",
                        BigDecimal.valueOf(stream.approximateCreationDateTime().toEpochMilli(), 3));
            }
            dynamodb.set("Keys", image(stream.keys()));
            if (stream.hasNewImage()) {
                dynamodb.set("NewImage", image(stream.newImage()));
            }
            if (stream.hasOldImage()) {
                dynamodb.set("OldImage", image(stream.oldImage()));
            }
            dynamodb.put("SequenceNumber", stream.sequenceNumber());
            dynamodb.put("SizeBytes", stream.sizeBytes());
            dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
            r.put("eventSourceARN", streamArn);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads event JSON as the Lambda Java runtime does. */
    public static DynamodbEvent read(String json) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, LambdaStreamEvents.class.getClassLoader())
                .fromJson(json);
    }

    /** {@code records} as the publisher's input, through the event JSON. */
    public static DynamodbEvent of(List<Record> records, String streamArn) {
        return read(json(records, streamArn));
    }

    private static ObjectNode image(Map<String, AttributeValue> attributes) {
        ObjectNode image = JSON.createObjectNode();
        attributes.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    private static JsonNode value(AttributeValue v) {
        ObjectNode node = JSON.createObjectNode();
        if (v.s() != null) {
            node.put("S", v.s());
        } else if (v.n() != null) {
            node.put("N", v.n());
        } else if (v.b() != null) {
            node.put("B", v.b().asByteArray());
        } else if (v.hasSs()) {
            v.ss().forEach(node.putArray("SS")::add);
        } else if (v.hasNs()) {
            v.ns().forEach(node.putArray("NS")::add);
        } else if (v.hasBs()) {
            ArrayNode bs = node.putArray("BS");
            v.bs().stream().map(SdkBytes::asByteArray).forEach(bs::add);
        } else if (v.hasM()) {
            node.set("M", image(v.m()));
        } else if (v.hasL()) {
            ArrayNode list = node.putArray("L");
            v.l().forEach(element -> list.add(value(element)));
        } else if (v.bool() != null) {
            node.put("BOOL", v.bool());
        } else {
            node.put("NULL", true);
        }
        return node;
    }
}
