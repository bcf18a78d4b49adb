package io.participants.api.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock stub of Secrets Manager's JSON protocol on 127.0.0.1, and the real SDK client aimed at it. */
public final class SecretsManagerStub implements AutoCloseable {

    public static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final WireMockServer server;
    private final SecretsManagerClient client;

    public SecretsManagerStub() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        client = SecretsClients.create(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                URI.create("http://127.0.0.1:" + server.port()));
    }

    /** Where the stub listens, for a service's {@code participants.secrets.endpoint}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public SecretsManagerClient client() {
        return client;
    }

    public static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager." + name));
    }

    public static RequestPatternBuilder called(String name) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager." + name))
                .withHeader("Content-Type", equalTo(JSON_1_1));
    }

    public static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1).withBody(json);
    }

    public static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", JSON_1_1)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** A GetSecretValue answer carrying {@code secretString} as its SecretString. */
    public static ResponseDefinitionBuilder secretValue(String name, String secretString) {
        return ok("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name + "-AbCdEf\","
                + "\"Name\":\"" + name + "\",\"VersionId\":\"v1\",\"SecretString\":" + quote(secretString)
                + ",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public void verify(int count, RequestPatternBuilder pattern) {
        server.verify(count, pattern);
    }

    public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /** One string field of a request's JSON body. */
    public static String field(LoggedRequest request, String name) {
        try (JsonParser parser = new JsonFactory().createParser(request.getBodyAsString())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals(name)) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Forgets every stub and every request seen. */
    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
