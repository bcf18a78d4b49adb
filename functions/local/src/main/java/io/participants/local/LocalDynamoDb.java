package io.participants.local;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** DynamoDB Local on a free loopback port, in memory or persisted in a directory, holding the service's table. */
final class LocalDynamoDb implements AutoCloseable {

    /** Held so it is not collected: sqlite4java warns "unknown jar version" once its jar is merged into ours. */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;
    private final int port;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server, with its data in {@code dbDir} or in memory when that is null, and creates {@code table}. */
    static LocalDynamoDb start(Path dbDir, String table) {
        return start(dbDir, "127.0.0.1", table);
    }

    /** As {@link #start(Path, String)}, listening on {@code bind}: 127.0.0.1, or 0.0.0.0 for a container. */
    static LocalDynamoDb start(Path dbDir, String bind, String table) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry", "-sharedDb"));
        if (dbDir == null) {
            args.add("-inMemory");
        } else {
            createDirectories(dbDir);
            args.addAll(List.of("-dbPath", dbDir.toString()));
        }
        DynamoDBProxyServer server;
        try {
            // ServerRunner.createServerFromCommandLineArgs would print its settings on stdout, which is the CLI's.
            CommandLineInput input = new CommandLineInput(args.toArray(String[]::new));
            input.init();
            server = ServerRunner.createServer(input);
            SQLITE_LOG.setLevel(Level.SEVERE); // after ServerRunner's static setup, which sets WARNING
            bindTo(server, bind);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
        LocalDynamoDb dynamoDb = new LocalDynamoDb(server, port);
        try {
            LocalProvisioning.ensureTable(URI.create(dynamoDb.endpoint()), table);
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
        return dynamoDb;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** DynamoDB Local listens on every interface and has no option to change that; nothing here is for the LAN. */
    private static void bindTo(DynamoDBProxyServer proxy, String bind) {
        connectors(proxy).forEach(c -> c.setHost(bind));
    }

    /** The hosts the server listens on, so a test can check that nothing listens beyond loopback. */
    List<String> listenHosts() {
        return connectors(server).stream().map(ServerConnector::getHost).toList();
    }

    private static List<ServerConnector> connectors(DynamoDBProxyServer proxy) {
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            List<ServerConnector> connectors = new ArrayList<>();
            for (Connector connector : ((Server) field.get(proxy)).getConnectors()) {
                if (connector instanceof ServerConnector network) {
                    connectors.add(network);
                }
            }
            if (connectors.isEmpty()) {
                throw new IllegalStateException("DynamoDB Local has no network connector to bind to loopback");
            }
            return connectors;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This DynamoDB Local version keeps its Jetty server elsewhere", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for DynamoDB Local", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
