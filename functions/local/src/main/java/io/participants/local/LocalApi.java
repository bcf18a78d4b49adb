package io.participants.local;

import io.participants.api.ParticipantsHandler;
import io.participants.api.secrets.StateKeySource;
import io.participants.api.providers.DownloadGuards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The whole local stack, started in order: the API's port, DynamoDB Local, s3proxy and the Secrets Manager emulator
 * (each unless the environment points at another endpoint), what the CDK stack would create in them, the Lambda
 * handler configured as its Lambda would be, the change events' stream poller, then the gateway's HTTP server. A failed start closes what it started.
 */
public final class LocalApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    private final Deque<AutoCloseable> resources;
    private final LocalHttpServer server;
    private final LocalDynamoDb dynamoDb;
    private final Endpoints endpoints;
    private final LocalChangeEvents changeEvents;
    private final LocalAutoSync autoSync;

    /** Where the handler's AWS services are, embedded or not. */
    public record Endpoints(URI dynamoDb, URI s3, URI secretsManager) {
    }

    private LocalApi(Deque<AutoCloseable> resources, LocalHttpServer server, LocalDynamoDb dynamoDb,
                     Endpoints endpoints, LocalChangeEvents changeEvents, LocalAutoSync autoSync) {
        this.changeEvents = changeEvents;
        this.autoSync = autoSync;
        this.resources = resources;
        this.server = server;
        this.dynamoDb = dynamoDb;
        this.endpoints = endpoints;
    }

    /** Starts everything {@code options} asks for; the handler answers once this returns. */
    public static LocalApi start(LocalOptions options) {
        JwtAuthorizer authorizer = options.jwksUrl() != null
                ? JwtAuthorizer.remote(options.jwksUrl(), options.issuer(), options.audience())
                : new JwtAuthorizer(LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).publicKeys(),
                        options.issuer(), options.audience());
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            // first, so that a taken port fails before anything else starts, and the redirect URI knows its port
            LocalHttpServer server = LocalHttpServer.bind(options.port());
            started.push(server);
            LocalOptions.Aws aws = options.aws();
            LocalDynamoDb dynamoDb = null;
            URI dynamoDbEndpoint = aws.dynamoDbEndpoint();
            if (dynamoDbEndpoint == null) {
                dynamoDb = LocalDynamoDb.start(dataDir(options, "dynamodb"), options.sam().servicesBind(),
                        options.table());
                started.push(dynamoDb);
                dynamoDbEndpoint = URI.create(dynamoDb.endpoint());
            } else {
                LocalProvisioning.ensureTable(dynamoDbEndpoint, options.table());
            }
            URI s3Endpoint = aws.s3Endpoint();
            if (s3Endpoint == null) {
                LocalS3Server s3 = LocalS3Server.start(dataDir(options, "s3"), options.sam().servicesBind(),
                        aws.s3Port());
                started.push(s3);
                s3Endpoint = URI.create(s3.endpoint());
            }
            LocalProvisioning.ensureBucket(s3Endpoint, aws.avatarsBucket());
            URI secretsEndpoint = aws.secretsEndpoint();
            if (secretsEndpoint == null) {
                LocalSecretsManager secrets = LocalSecretsManager.start(
                        options.inMemory() ? null : SlackAppCommand.secretsDir(options.dataDir()),
                        options.sam().servicesBind(), aws.secretsPort());
                started.push(secrets);
                secretsEndpoint = URI.create(secrets.endpoint());
            }
            LocalProvisioning.ensureStateKey(secretsEndpoint, StateKeySource.defaultSecretName(aws.secretsPrefix()));
            Endpoints endpoints = new Endpoints(dynamoDbEndpoint, s3Endpoint, secretsEndpoint);
            HandlerProperties.apply(options, endpoints, server.port());
            io.micronaut.context.ApplicationContext context = context(options.slack());
            ParticipantsHandler handler = new ParticipantsHandler(context);
            started.push(handler);
            LocalChangeEvents changeEvents = LocalChangeEvents.start(dynamoDbEndpoint, options.table(),
                    options.dataDir().resolve(LocalChangeEvents.FILE), options.inMemory());
            started.push(changeEvents);
            // the deployed sweep and worker, in-process on the handler's own beans (docs/avatars.md)
            LocalAutoSync autoSync = LocalAutoSync.start(context, options.table(), options.autoSyncInterval());
            started.push(autoSync);
            changeEvents.listen(autoSync::changed);
            server.serve(new LocalGateway(authorizer, handler, Clock.systemUTC()));
            if (options.sam().envJson() != null) {
                SamEnvJson.write(options.sam().envJson(), options, endpoints, server.port());
            }
            return new LocalApi(started, server, dynamoDb, endpoints, changeEvents, autoSync);
        } catch (RuntimeException e) {
            closeAll(started, e);
            throw e;
        }
    }

    /**
     * The handler's context as Lambda builds it (the handler starts it). With {@code --insecure-image-downloads} its download guards admit the named
     * image hosts over plain http on loopback or private addresses: a bean only local mode adds, so no setting of a
     * deployed function can turn those guards off.
     */
    private static io.micronaut.context.ApplicationContext context(LocalOptions.Slack slack) {
        if (!slack.insecureImageDownloads()) {
            return ParticipantsHandler.lambdaContextBuilder().build();
        }
        DownloadGuards standIn = DownloadGuards.defaults()
                .withAllowedHosts(Set.copyOf(slack.imageHosts()))
                .withHttpsOnly(false)
                .withRefuseInternalAddresses(false);
        LOG.warn("Avatar downloads of every provider from {} may use plain http and internal addresses"
                        + " (--insecure-image-downloads)",
                slack.imageHosts());
        return ParticipantsHandler.lambdaContextBuilder().singletons(standIn).build();
    }

    private static Path dataDir(LocalOptions options, String name) {
        return options.inMemory() ? null : options.dataDir().resolve(name);
    }

    public int port() {
        return server.port();
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The JSON-lines file the change events go to. */
    public java.nio.file.Path changeEventsFile() {
        return changeEvents.file();
    }

    /** The change events' poller, for tests to poll in step with their requests. */
    LocalChangeEvents changeEvents() {
        return changeEvents;
    }

    /** Auto-sync's sweep and worker, for tests to step in time with their requests. */
    LocalAutoSync autoSync() {
        return autoSync;
    }

    /** The embedded DynamoDB Local, or null when the environment points at another. */
    LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    @Override
    public void close() {
        RuntimeException failure = new IllegalStateException("Local mode did not stop cleanly");
        closeAll(resources, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Closes the most recently started first; failures are added to {@code failure} and logged. */
    private static void closeAll(Deque<AutoCloseable> started, RuntimeException failure) {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", resource.getClass().getSimpleName(), e.toString());
                failure.addSuppressed(e);
            }
        }
    }
}
