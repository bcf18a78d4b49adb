package io.participants.local;

import io.participants.api.FunctionCatalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The command line of local mode: {@code serve} (the default), {@code token}, {@code slack-app}, {@code events} or
 * {@code seed-events}, and options.
 */
public record LocalOptions(
        Command command,
        int port,
        Path dataDir,
        boolean inMemory,
        String table,
        String issuer,
        String audience,
        URI jwksUrl,
        String tenant,
        List<String> scopes,
        Duration ttl,
        String subject,
        Aws aws,
        Slack slack,
        Providers providers,
        SlackApp slackApp,
        Sam sam,
        boolean follow,
        Microsoft microsoft, boolean seedEvents,
        Duration autoSyncInterval) {

    /** How long after an automatic sync a participant is due again, unless {@code --auto-sync-interval} says. */
    public static final Duration DEFAULT_AUTO_SYNC_INTERVAL = Duration.ofHours(24);

    /** What to do. */
    public enum Command { SERVE, TOKEN, SLACK_APP, MICROSOFT_APP, EVENTS, SEED_EVENTS, HELP }

    /**
     * Microsoft's addresses for the handler (the identity platform and Graph, or stand-ins), and the directory tenant
     * {@code microsoft-app} stores with the app's credentials (null: {@code organizations}).
     */
    public record Microsoft(URI loginBase, URI graphBase, String directoryTenant) {
    }

    /**
     * Where the AWS services are. An endpoint is null when local mode runs that service itself (DynamoDB Local,
     * s3proxy, its Secrets Manager), and an {@code AWS_ENDPOINT_URL_*} address otherwise.
     */
    public record Aws(URI dynamoDbEndpoint, URI s3Endpoint, URI secretsEndpoint, int s3Port, int secretsPort,
                      String avatarsBucket, String secretsPrefix) {
    }

    /**
     * Slack's addresses for the handler, and the image hosts of every provider; no image hosts means each
     * provider's own list, and no redirect URI means local mode's own callback route. {@code insecureImageDownloads}
     * lets the image hosts serve plain http from loopback or private addresses, for a stand-in image host: the
     * deployed functions have no such setting.
     */
    public record Slack(URI apiBase, URI oauthBase, List<String> imageHosts, boolean insecureImageDownloads,
                        URI oauthRedirectUri) {
    }

    /** The other providers' addresses for the handler: Telegram's Bot API and Gravatar, or their stand-ins. */
    public record Providers(URI telegramApiBase, URI gravatarBase) {
    }

    /**
     * What {@code sam local invoke} needs to run a function against this local mode: where to write its env.json
     * (null: nowhere), the host name a container reaches this machine by, and the address the embedded DynamoDB, S3
     * and Secrets Manager listen on (a container reaches loopback only with Docker Desktop).
     */
    public record Sam(Path envJson, String host, String servicesBind) {
    }

    /**
     * The Slack app credentials {@code slack-app} stores: the secret inline or in a file, and optionally the app's
     * request signing secret (which inbound webhooks check Slack's signatures with). Never printed.
     */
    public record SlackApp(String clientId, String clientSecret, Path clientSecretFile, String signingSecret) {

        public SlackApp(String clientId, String clientSecret, Path clientSecretFile) {
            this(clientId, clientSecret, clientSecretFile, null);
        }

        @Override
        public String toString() {
            return "SlackApp[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                    + ", clientSecretFile=" + clientSecretFile + ", signingSecret="
                    + (signingSecret == null ? "none" : "***") + "]";
        }
    }

    /** The environment variables that point a service elsewhere, as the AWS SDKs read them. */
    static final String ENDPOINT_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    static final String ENDPOINT_SECRETS_MANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    static final String ENDPOINT_ALL = "AWS_ENDPOINT_URL";
    static final String IGNORE_ENDPOINTS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    // a host name or IPv4 address, and an IPv4 address to listen on
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern ADDRESS = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    /** Slack's own addresses, the defaults of --slack-api-base and --slack-oauth-base. */
    static final String SLACK_API_BASE = "https://slack.com/api";
    static final String SLACK_OAUTH_BASE = "https://slack.com";
    /** The other providers' own addresses, the defaults of their --*-base options. */
    static final String TELEGRAM_API_BASE = "https://api.telegram.org";
    static final String GRAVATAR_BASE = "https://gravatar.com";
    static final String MICROSOFT_LOGIN_BASE = "https://login.microsoftonline.com";
    static final String MICROSOFT_GRAPH_BASE = "https://graph.microsoft.com/v1.0";

    public static final String DEFAULT_BUCKET = "participants-avatars-local";
    public static final String DEFAULT_SECRETS_PREFIX = "participants";

    // what Secrets Manager allows in a name, without a leading or trailing slash (as the service checks its prefix)
    private static final Pattern SECRETS_PREFIX = Pattern.compile("[A-Za-z0-9_+=.@-]+(/[A-Za-z0-9_+=.@-]+)*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public static final String USAGE = """
            Usage: ./local [serve] [options]             serve the API on http://127.0.0.1:<port>, and its
                                                         reference page on http://127.0.0.1:<port>/docs
                   ./local token --tenant ID [options]   print a dev token for the local issuer
                   ./local slack-app --client-id ID (--client-secret SECRET | --client-secret-file PATH)
                                     [--signing-secret S]
                                                         store the Slack app's credentials for local mode
                   ./local microsoft-app --client-id ID (--client-secret S | --client-secret-file F)
                                         [--directory-tenant T]  store the Microsoft (Teams) app's credentials
                   ./local events [--follow] [--data-dir DIR]
                                                         print the change events your calls made
                   ./local seed-events [--data-dir DIR]  write the world the files of events/ act on into the
                                                         local mode serving from DIR (see events/README.md)

            serve options:
              --port N                HTTP port (default: $PORT or 8080; 0 picks a free one)
              --data-dir DIR          where the signing key, DynamoDB data, avatars (s3/) and secrets (secrets/)
                                      live (default: ./.local-data)
              --auto-sync-interval D  how long after an automatic avatar sync a participant with auto-sync is
                                      synced again, e.g. 10s to try it (default: 24h); the sweep and the
                                      worker run in-process (docs/avatars.md)
              --in-memory             keep DynamoDB data, avatars and secrets in memory only
                                      (the signing key is still kept in DIR, and the change events in
                                      DIR/events.jsonl, started empty)
              --table NAME            DynamoDB table name (default: participants)
              --avatars-bucket NAME   S3 bucket of avatars, created at start (default: participants-avatars-local)
              --s3-port N             port of the embedded S3 server (default: 0, a free one)
              --secrets-port N        port of the embedded Secrets Manager (default: 0, a free one)
              --secrets-prefix P      first part of every secret name (default: participants); the OAuth state
                                      key P/oauth/state-key is created at first start
              --sam-env-json FILE     write, once started, the env.json of `sam local invoke --env-vars FILE` that
                                      points every function at this local mode's DynamoDB, S3 and Secrets Manager
              --sam-host HOST         the host a container reaches them by (default: host.docker.internal)
              --services-bind ADDR    the address the embedded DynamoDB, S3 and Secrets Manager listen on
                                      (default: 127.0.0.1; 0.0.0.0 lets a container on Linux reach them, and the
                                      network too)
              --issuer ISS            expected token issuer (default: participants-local)
              --audience AUD          expected token audience (default: participants-api)
              --jwks-url URL          verify tokens of a real identity provider with its JWKS;
                                      needs --issuer and --audience
              --slack-api-base URL    Slack's Web API (default: https://slack.com/api)
              --slack-oauth-base URL  where Slack's consent page is (default: https://slack.com)
              --telegram-api-base URL Telegram's Bot API (default: https://api.telegram.org)
              --gravatar-base URL     Gravatar (default: https://gravatar.com)
              --image-hosts H         comma-separated hosts avatars may be downloaded from, for every provider
                                      (default: each provider's own image hosts); --slack-image-hosts is the
                                      same option under its older name
              --insecure-image-downloads
                                      the --image-hosts may serve plain http from loopback or private
                                      addresses: a stand-in image host (local mode only; the deployed
                                      functions always want https and a public address)
              --microsoft-login-base URL  the Microsoft identity platform
                                      (default: https://login.microsoftonline.com)
              --microsoft-graph-base URL  Microsoft Graph (default: https://graph.microsoft.com/v1.0); a stand-in's
                                      host must be named by --slack-image-hosts too: Graph serves the photo itself
              --oauth-redirect-uri U  the redirect URI registered with the Slack app
                                      (default: http://127.0.0.1:<port>/v1/oauth/slack/callback)
              --seed-events           once started, write the world of events/ as seed-events does

              The environment points a service elsewhere instead of starting it in-process (for example at
              LocalStack); each is created there if missing (table, bucket, state key):
                AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SECRETS_MANAGER, or
                AWS_ENDPOINT_URL for all three; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores them.
              Requests are signed with access key "local", secret key "local", region us-east-1.

            Change events: while serving, local mode reads the table's stream and appends each change event
            (a CloudEvent, as the deployed publisher sends it to EventBridge) as one JSON line to
            DIR/events.jsonl; a table kept from an earlier version gets its stream turned on at start.

            seed-events: writes tenant acme's and workspace 6f1c2a5e-...0001's documented items (removing what
            the event files added to them; nothing else), the Slack config's token, the OAuth state key the
            events were signed with (replacing local mode's), and stand-in Slack app credentials unless some are
            stored, into the local mode serving from --data-dir (it leaves DIR/endpoints.json while serving), or
            into the AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SECRETS_MANAGER given. Run it again before each
            event that changes what the next one reads.

            events options:
              --follow                keep printing new events as they come (Ctrl-C stops)
              --data-dir DIR          as for serve

            token options:
              --tenant ID             the tenant_id claim (required)
              --scopes "A B"          space-separated scopes (default: every scope the API uses)
              --ttl SECONDS           lifetime (default: 3600)
              --subject SUB           the sub claim (default: dev-user)
              --data-dir, --issuer, --audience as for serve

            slack-app options:
              --client-id ID          the Slack app's client id
              --client-secret SECRET  its client secret (it stays in your shell history: prefer the next one)
              --client-secret-file F  read the client secret from file F ("-" reads standard input)
              --signing-secret S      the app's signing secret, which inbound webhooks check Slack's signatures
                                      with (docs/activations.md)
              --data-dir, --secrets-prefix as for serve. Writes the secret P/slack/app in DIR/secrets/, where a
              running local mode reads it too. The AWS CLI reaches the same secrets while local mode runs:
                AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 \\
                aws secretsmanager put-secret-value --endpoint-url <the Secrets Manager URL it prints> \\
                  --secret-id participants/slack/app --secret-string file://slack-app.json

            microsoft-app options: --client-id, --client-secret, --client-secret-file as for slack-app, and
              --directory-tenant T    the app's directory (tenant id or domain; default: organizations)
              Writes the secret P/microsoft/app. The app's redirect URI is
              http://127.0.0.1:<port>/v1/oauth/microsoft/callback (the Slack one's sibling).
            """;

    /**
     * Reads {@code args}; the environment supplies {@code PORT} and the {@code AWS_ENDPOINT_URL_*} overrides.
     * Throws {@link IllegalArgumentException} on misuse.
     */
    public static LocalOptions parse(String[] args, Map<String, String> env) {
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        Command command = Command.SERVE;
        if (!rest.isEmpty() && !rest.peekFirst().startsWith("-")) {
            String name = rest.removeFirst();
            command = switch (name) {
                case "serve" -> Command.SERVE;
                case "token" -> Command.TOKEN;
                case "slack-app" -> Command.SLACK_APP;
                case "microsoft-app" -> Command.MICROSOFT_APP;
                case "events" -> Command.EVENTS;
                case "seed-events" -> Command.SEED_EVENTS;
                case "help" -> Command.HELP;
                default -> throw new IllegalArgumentException("Unknown command: " + name);
            };
        }
        int port = env.containsKey("PORT") ? parsePort(env.get("PORT")) : 8080;
        Path dataDir = Path.of(".local-data");
        boolean inMemory = false;
        String table = "participants";
        String issuer = null;
        String audience = null;
        URI jwksUrl = null;
        String tenant = null;
        List<String> scopes = defaultScopes();
        Duration ttl = Duration.ofHours(1);
        String subject = "dev-user";
        int s3Port = 0;
        int secretsPort = 0;
        String bucket = DEFAULT_BUCKET;
        String secretsPrefix = DEFAULT_SECRETS_PREFIX;
        URI slackApiBase = URI.create(SLACK_API_BASE);
        URI slackOAuthBase = URI.create(SLACK_OAUTH_BASE);
        URI telegramApiBase = URI.create(TELEGRAM_API_BASE);
        URI gravatarBase = URI.create(GRAVATAR_BASE);
        List<String> imageHosts = List.of();
        boolean insecureImageDownloads = false;
        URI redirectUri = null;
        String clientId = null;
        String clientSecret = null;
        Path clientSecretFile = null;
        String signingSecret = null;
        Path samEnvJson = null;
        String samHost = "host.docker.internal";
        String servicesBind = "127.0.0.1";
        boolean follow = false;
        boolean seedEvents = false;
        URI microsoftLoginBase = URI.create(MICROSOFT_LOGIN_BASE);
        URI microsoftGraphBase = URI.create(MICROSOFT_GRAPH_BASE);
        String directoryTenant = null;
        Duration autoSyncInterval = DEFAULT_AUTO_SYNC_INTERVAL;
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "--port" -> port = parsePort(value(option, rest));
                case "--data-dir" -> dataDir = Path.of(value(option, rest));
                case "--in-memory" -> inMemory = true;
                case "--table" -> table = value(option, rest);
                case "--issuer" -> issuer = value(option, rest);
                case "--audience" -> audience = value(option, rest);
                case "--jwks-url" -> jwksUrl = URI.create(value(option, rest));
                case "--tenant" -> tenant = value(option, rest);
                case "--scopes" -> scopes = Arrays.stream(value(option, rest).trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList();
                case "--ttl" -> ttl = Duration.ofSeconds(parsePositive(option, value(option, rest)));
                case "--subject" -> subject = value(option, rest);
                case "--s3-port" -> s3Port = parsePort(value(option, rest));
                case "--secrets-port" -> secretsPort = parsePort(value(option, rest));
                case "--avatars-bucket" -> bucket = matching(option, value(option, rest), BUCKET);
                case "--secrets-prefix" -> secretsPrefix = matching(option, value(option, rest), SECRETS_PREFIX);
                case "--slack-api-base" -> slackApiBase = httpUrl(option, value(option, rest));
                case "--slack-oauth-base" -> slackOAuthBase = httpUrl(option, value(option, rest));
                case "--image-hosts", "--slack-image-hosts" -> imageHosts = hosts(option, value(option, rest));
                case "--telegram-api-base" -> telegramApiBase = httpUrl(option, value(option, rest));
                case "--gravatar-base" -> gravatarBase = httpUrl(option, value(option, rest));
                case "--insecure-image-downloads" -> insecureImageDownloads = true;
                case "--oauth-redirect-uri" -> redirectUri = httpUrl(option, value(option, rest));
                case "--client-id" -> clientId = value(option, rest);
                case "--client-secret" -> clientSecret = value(option, rest);
                case "--client-secret-file" -> clientSecretFile = Path.of(value(option, rest));
                case "--signing-secret" -> signingSecret = value(option, rest);
                case "--sam-env-json" -> samEnvJson = Path.of(value(option, rest));
                case "--sam-host" -> samHost = matching(option, value(option, rest), HOST);
                case "--services-bind" -> servicesBind = matching(option, value(option, rest), ADDRESS);
                case "--follow" -> follow = true;
                case "--seed-events" -> seedEvents = true;
                case "--microsoft-login-base" -> microsoftLoginBase = httpUrl(option, value(option, rest));
                case "--microsoft-graph-base" -> microsoftGraphBase = httpUrl(option, value(option, rest));
                case "--directory-tenant" -> directoryTenant = matching(option, value(option, rest), HOST);
                case "--auto-sync-interval" -> autoSyncInterval = interval(option, value(option, rest));
                case "-h", "--help" -> command = Command.HELP;
                default -> throw new IllegalArgumentException("Unknown option: " + option);
            }
        }
        if (jwksUrl != null && (issuer == null || audience == null)) {
            throw new IllegalArgumentException("--jwks-url needs --issuer and --audience");
        }
        if (command == Command.TOKEN && jwksUrl != null) {
            throw new IllegalArgumentException("token mints for the local issuer only; drop --jwks-url");
        }
        if (command == Command.TOKEN && (tenant == null || tenant.isBlank())) {
            throw new IllegalArgumentException("token needs --tenant");
        }
        if (command == Command.SLACK_APP || command == Command.MICROSOFT_APP) {
            checkSlackApp(command == Command.SLACK_APP ? "slack-app" : "microsoft-app", clientId, clientSecret,
                    clientSecretFile, inMemory);
        }
        if (directoryTenant != null && command != Command.MICROSOFT_APP) {
            throw new IllegalArgumentException("--directory-tenant is an option of microsoft-app");
        }
        if (follow && command != Command.EVENTS) {
            throw new IllegalArgumentException("--follow is an option of events");
        }
        if (seedEvents && command != Command.SERVE) {
            throw new IllegalArgumentException("--seed-events is an option of serve; the command is seed-events");
        }
        if (insecureImageDownloads && imageHosts.isEmpty()) {
            // never Slack's own hosts over http: only the stand-in hosts the developer names
            throw new IllegalArgumentException("--insecure-image-downloads needs --image-hosts");
        }
        Aws aws = new Aws(endpoint(env, ENDPOINT_DYNAMODB), endpoint(env, ENDPOINT_S3),
                endpoint(env, ENDPOINT_SECRETS_MANAGER), s3Port, secretsPort, bucket, secretsPrefix);
        return new LocalOptions(command, port, dataDir.toAbsolutePath().normalize(), inMemory, table,
                issuer == null ? LocalIssuer.DEFAULT_ISSUER : issuer,
                audience == null ? LocalIssuer.DEFAULT_AUDIENCE : audience,
                jwksUrl, tenant, scopes, ttl, subject, aws,
                new Slack(slackApiBase, slackOAuthBase, imageHosts, insecureImageDownloads, redirectUri),
                new Providers(telegramApiBase, gravatarBase),
                new SlackApp(clientId, clientSecret, clientSecretFile, signingSecret),
                new Sam(samEnvJson == null ? null : samEnvJson.toAbsolutePath().normalize(), samHost, servicesBind),
                follow, new Microsoft(microsoftLoginBase, microsoftGraphBase, directoryTenant), seedEvents,
                autoSyncInterval);
    }

    /** {@code 10s}, {@code 5m}, {@code 2h} or an ISO-8601 duration ({@code PT10S}); at least a second. */
    static Duration interval(String option, String text) {
        Duration parsed;
        try {
            java.util.regex.Matcher short_ = java.util.regex.Pattern.compile("([1-9][0-9]{0,6})([smh])").matcher(text);
            if (short_.matches()) {
                long n = Long.parseLong(short_.group(1));
                parsed = switch (short_.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                parsed = Duration.parse(text);
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 10s, 5m, 2h or PT10S");
        }
        if (parsed.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(option + " must be at least 1s");
        }
        return parsed;
    }

    /**
     * The endpoint the environment gives a service ({@code variable}, else {@code AWS_ENDPOINT_URL}), or null when
     * local mode should run it itself.
     */
    static URI endpoint(Map<String, String> env, String variable) {
        if ("true".equalsIgnoreCase(trimmed(env.get(IGNORE_ENDPOINTS)))) {
            return null;
        }
        String name = trimmed(env.get(variable)) != null ? variable : ENDPOINT_ALL;
        String value = trimmed(env.get(name));
        return value == null ? null : httpUrl(name, value);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void checkSlackApp(String command, String clientId, String clientSecret, Path clientSecretFile,
                                      boolean inMemory) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException(command + " needs --client-id");
        }
        if ((clientSecret == null) == (clientSecretFile == null)) {
            throw new IllegalArgumentException(command + " needs one of --client-secret and --client-secret-file");
        }
        if (inMemory) {
            throw new IllegalArgumentException(command + " writes the secrets kept in the data directory; an"
                    + " --in-memory local mode takes them through its Secrets Manager endpoint (see --help)");
        }
    }

    private static List<String> defaultScopes() {
        // the public route (the OAuth callback) has no scope
        return FunctionCatalog.FUNCTIONS.stream().map(FunctionCatalog.Function::scope)
                .filter(Objects::nonNull).distinct().sorted().toList();
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static String matching(String option, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a valid " + option + ": " + value);
        }
        return value;
    }

    private static URI httpUrl(String name, String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " is not an http(s) URL: " + text);
    }

    private static List<String> hosts(String option, String text) {
        List<String> hosts = Arrays.stream(text.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one host");
        }
        return hosts;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Not a port: " + text);
    }

    private static long parsePositive(String option, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive number: " + text);
    }
}
