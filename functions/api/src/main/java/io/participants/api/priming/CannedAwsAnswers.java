package io.participants.api.priming;

import io.participants.api.dynamodb.CannedItems;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What DynamoDB, Secrets Manager and S3 answer while priming runs: a valid response of each operation's shape, built
 * from the request alone (DynamoDB's items by {@link CannedItems}, a secret of the shape its name stands for, a
 * stored object), so that the success path runs and nothing is sent.
 */
final class CannedAwsAnswers {

    /** An HTTP answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

    private CannedAwsAnswers() {
    }

    static Answer answer(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        String target = http.firstMatchingHeader("X-Amz-Target").orElse("");
        int dot = target.indexOf('.');
        String operation = dot < 0 ? "" : target.substring(dot + 1);
        if (target.startsWith("DynamoDB_")) {
            return dynamoDb(CannedItems.answer(operation, parse(request)));
        }
        if (target.startsWith("secretsmanager.")) {
            return json("application/x-amz-json-1.1", secret(operation, parse(request)));
        }
        return s3(http, body(request));
    }

    private static String secret(String operation, JsonNode body) {
        String name = body.field("SecretId").or(() -> body.field("Name")).map(JsonNode::asString).orElse("priming");
        if (!operation.equals("GetSecretValue")) {
            // CreateSecret, PutSecretValue, DeleteSecret: done, and nothing stored
            return "{\"ARN\":" + CannedItems.quote(ARN + name) + ",\"Name\":" + CannedItems.quote(name)
                    + ",\"VersionId\":\"snapstart-priming\"}";
        }
        return "{\"ARN\":" + CannedItems.quote(ARN + name) + ",\"Name\":" + CannedItems.quote(name)
                + ",\"VersionId\":\"snapstart-priming\",\"SecretString\":" + CannedItems.quote(secretValue(name))
                + ",\"CreatedDate\":1.7672256E9}";
    }

    /** A secret of the shape its name stands for: a provider token, the Slack or Microsoft app's credentials, the state key. */
    private static String secretValue(String name) {
        if (name.endsWith("/slack/app")) {
            return "{\"clientId\":\"0000.0000\",\"clientSecret\":\"snapstart-priming-secret\","
                    + "\"signingKey\":\"" + PrimingRequests.SIGNING_KEY + "\"}";
        }
        if (name.endsWith("/microsoft/app")) {
            return "{\"clientId\":\"00000000-0000-4000-8000-00000000a0a0\","
                    + "\"clientSecret\":\"snapstart-priming-secret\",\"directoryTenant\":\"organizations\"}";
        }
        if (name.endsWith("/state-key")) {
            return PrimingRequests.STATE_KEY;
        }
        return "{\"accessToken\":\"" + CannedProviderAnswers.TOKEN + "\",\"teamId\":\"T0PRIMING\","
                + "\"botUserId\":\"U0PRIMBOT\",\"scopes\":[\"users:read\"]}";
    }

    /** An upload is stored (its ETag the MD5 of its body, as S3's), a delete done, a read finds a small image. */
    private static Answer s3(SdkHttpRequest http, byte[] body) {
        SdkHttpMethod method = http.method();
        if (method == SdkHttpMethod.DELETE) {
            return new Answer(204, Map.of(), new byte[0]);
        }
        if (method == SdkHttpMethod.GET) {
            return new Answer(200, Map.of("Content-Type", "image/png", "ETag", etag(CannedProviderAnswers.PNG)),
                    CannedProviderAnswers.PNG);
        }
        if (method == SdkHttpMethod.HEAD) {
            return new Answer(200, Map.of("Content-Type", "image/png", "ETag", etag(CannedProviderAnswers.PNG)),
                    new byte[0]);
        }
        return new Answer(200, Map.of("ETag", etag(body)), new byte[0]);
    }

    /**
     * A DynamoDB answer carries the CRC32 of its body, as DynamoDB's do, so that the client's check of it (its own
     * stream and validation) runs in priming as on a real answer.
     */
    private static Answer dynamoDb(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amz-crc32",
                Long.toString(crc.getValue())), bytes);
    }

    private static Answer json(String contentType, String body) {
        return new Answer(200, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(HttpExecuteRequest request) {
        byte[] body = body(request);
        return body.length == 0 ? JsonNode.emptyObjectNode() : JsonNode.parser().parse(body);
    }

    private static byte[] body(HttpExecuteRequest request) {
        ContentStreamProvider content = request.contentStreamProvider().orElse(null);
        if (content == null) {
            return new byte[0];
        }
        try (InputStream in = content.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
