package io.participants.local;

import io.participants.api.secrets.SlackAppCredentialsSource;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of local mode: {@code serve} runs the API on loopback, {@code token} prints a dev token,
 * {@code slack-app} stores the Slack app's credentials, {@code events} prints the change events, {@code seed-events}
 * writes the world the files of {@code events/} act on, {@code webhook-message} posts a signed sample inbound message.
 */
public final class LocalMode {

    private LocalMode() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("webhook-message")) {
            webhookMessage(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        try {
            switch (options.command()) {
                case HELP -> usage(System.out, null);
                case TOKEN -> System.out.println(LocalIssuer.open(options.dataDir(), options.issuer(), options.audience())
                        .mint(options.subject(), options.tenant(), options.scopes(), options.ttl()));
                case SLACK_APP -> System.out.printf("Stored the Slack app credentials as secret %s in %s%n",
                        SlackAppCommand.run(options, System.in), SlackAppCommand.secretsDir(options.dataDir()));
                case MICROSOFT_APP -> System.out.printf("Stored the Microsoft app credentials as secret %s in %s%n",
                        SlackAppCommand.run(options, System.in), SlackAppCommand.secretsDir(options.dataDir()));
                case EVENTS -> EventsCommand.print(options.dataDir().resolve(LocalChangeEvents.FILE), System.out,
                        options::follow);
                case SEED_EVENTS -> SeedEvents.run(options).forEach(System.out::println);
                case SERVE -> serve(options);
            }
        } catch (RuntimeException e) {
            System.err.println(describe(e));
            System.exit(1);
        }
    }

    /** {@code ./local webhook-message}: its own options (WebhookMessageCommand.USAGE). */
    private static void webhookMessage(String[] args) {
        try {
            System.out.println(WebhookMessageCommand.run(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(WebhookMessageCommand.USAGE);
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println(describe(e));
            System.exit(1);
        }
    }

    /** "Cannot listen on 127.0.0.1:8080: Address already in use" rather than a stack trace for the usual failures. */
    private static String describe(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            message.append(": ").append(cause.getMessage());
        }
        return message.toString();
    }

    private static void serve(LocalOptions options) {
        LocalApi api = LocalApi.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SeedEvents.removeServing(options.dataDir());
            api.close();
        }, "local-shutdown"));
        LocalApi.Endpoints endpoints = api.endpoints();
        SeedEvents.writeServing(options.dataDir(), endpoints, options);
        if (options.seedEvents()) {
            // before the listening line, so that a script waiting for it finds the world written
            SeedEvents.seed(endpoints.dynamoDb(), endpoints.secretsManager(), options.table(),
                    options.aws().secretsPrefix()).forEach(line -> System.err.println("seed-events: " + line));
        }
        String memory = options.inMemory() ? " in memory" : "";
        // The one line on stdout: scripts wait for it.
        System.out.printf("Participants API listening on http://127.0.0.1:%d, its reference on http://127.0.0.1:%d%s"
                        + " (data: %s; DynamoDB %s%s; S3 %s%s, bucket %s; Secrets Manager %s%s)%n",
                api.port(), api.port(), DocsPage.PATH, options.dataDir(),
                endpoints.dynamoDb(), origin(options.aws().dynamoDbEndpoint() != null, memory),
                endpoints.s3(), origin(options.aws().s3Endpoint() != null, memory), options.aws().avatarsBucket(),
                endpoints.secretsManager(), origin(options.aws().secretsEndpoint() != null, memory));
        System.out.flush();
        System.err.printf("Slack app credentials: ./local slack-app --client-id ID --client-secret-file FILE, or"
                        + " aws secretsmanager put-secret-value --endpoint-url %s --secret-id %s"
                        + " --secret-string '{\"clientId\":...,\"clientSecret\":...}'%n",
                endpoints.secretsManager(), SlackAppCredentialsSource.defaultSecretName(options.aws().secretsPrefix()));
        System.err.printf("Change events: %s (./local events --follow)%n", api.changeEventsFile());
        if (options.sam().envJson() != null) {
            System.err.printf("sam local invoke: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=%s sam local"
                            + " invoke -t cdk.out/ParticipantsStack.template.json GetParticipantFunction -e"
                            + " events/participants/get-participant.404.missing.json --env-vars %s%s%n",
                    LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY, LocalAws.REGION.id(), options.sam().envJson(),
                    options.sam().servicesBind().equals("127.0.0.1")
                            ? " (on Linux a container reaches loopback services only with --services-bind 0.0.0.0)"
                            : "");
        }
    }

    private static String origin(boolean external, String memory) {
        return external ? " from the environment" : memory;
    }

    private static void usage(PrintStream out, String error) {
        if (error != null) {
            out.println(error);
        }
        out.print(LocalOptions.USAGE);
    }
}
