package io.participants.local;

import io.participants.api.ParticipantsHandler;

import java.time.Clock;

/** The whole local stack, started in order: DynamoDB Local, the Lambda handler, the gateway's HTTP server. */
public final class LocalApi implements AutoCloseable {

    private final LocalDynamoDb dynamoDb;
    private final ParticipantsHandler handler;
    private final LocalHttpServer server;

    private LocalApi(LocalDynamoDb dynamoDb, ParticipantsHandler handler, LocalHttpServer server) {
        this.dynamoDb = dynamoDb;
        this.handler = handler;
        this.server = server;
    }

    public static LocalApi start(LocalOptions options) {
        JwtAuthorizer authorizer = options.jwksUrl() != null
                ? JwtAuthorizer.remote(options.jwksUrl(), options.issuer(), options.audience())
                : new JwtAuthorizer(LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).publicKeys(),
                        options.issuer(), options.audience());
        LocalDynamoDb dynamoDb = LocalDynamoDb.start(
                options.inMemory() ? null : options.dataDir().resolve("dynamodb"), options.table());
        ParticipantsHandler handler = null;
        try {
            // The handler's application context reads these when it is built, as a Lambda reads its environment.
            System.setProperty("aws.region", LocalDynamoDb.REGION.id());
            System.setProperty("aws.accessKeyId", LocalDynamoDb.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", LocalDynamoDb.SECRET_KEY);
            System.setProperty("participants.table-name", options.table());
            System.setProperty("participants.dynamodb.endpoint", dynamoDb.endpoint());
            // where Slack sends the operator back after consent: this server's callback route
            System.setProperty("participants.oauth.redirect-uri",
                    "http://127.0.0.1:" + options.port() + "/v1/oauth/slack/callback");
            handler = new ParticipantsHandler();
            LocalGateway gateway = new LocalGateway(authorizer, handler, Clock.systemUTC());
            return new LocalApi(dynamoDb, handler, LocalHttpServer.start(options.port(), gateway));
        } catch (RuntimeException e) {
            if (handler != null) {
                handler.close();
            }
            dynamoDb.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public int dynamoDbPort() {
        return dynamoDb.port();
    }

    LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    @Override
    public void close() {
        server.close();
        handler.close();
        dynamoDb.close();
    }
}
