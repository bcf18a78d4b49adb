package io.participants.api.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.participants.api.dynamodb.ParticipantsTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory DynamoDB Local server for the whole test JVM, reached over HTTP by the real SDK client.
 * Each test class takes its own table, so classes never see each other's data.
 */
public final class LocalDynamo {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static String endpoint;
    private static DynamoDbClient client;
    private static DynamoDbStreamsClient streamsClient;

    private LocalDynamo() {
    }

    public static synchronized String endpoint() {
        if (endpoint == null) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception e) {
                        // the JVM is exiting; nothing to keep
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
            endpoint = "http://127.0.0.1:" + port;
        }
        return endpoint;
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .endpointOverride(URI.create(endpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return client;
    }

    /** A DynamoDB Streams client of the same server, for tests that read a table's stream. */
    public static synchronized DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = DynamoDbStreamsClient.builder()
                    .endpointOverride(URI.create(endpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return streamsClient;
    }

    /** The ARN of {@code table}'s stream. */
    public static String streamArn(String table) {
        return client().describeTable(d -> d.tableName(table)).table().latestStreamArn();
    }

    /** Creates a new, empty table with the service's key schema and returns its name. */
    public static String newTable() {
        String name = "participants-" + TABLES.incrementAndGet();
        client().createTable(ParticipantsTable.createTableRequest(name));
        return name;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
