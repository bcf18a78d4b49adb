package io.participants.local;

import io.participants.api.FunctionCatalog;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** The command line of local mode: {@code serve} (the default) or {@code token}, and their options. */
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
        String subject) {

    /** What to do. */
    public enum Command { SERVE, TOKEN, HELP }

    public static final String USAGE = """
            Usage: ./local [serve] [options]            serve the API on http://127.0.0.1:<port>
                   ./local token --tenant ID [options]  print a dev token for the local issuer

            serve options:
              --port N          HTTP port (default: $PORT or 8080; 0 picks a free one)
              --data-dir DIR    where the signing key and DynamoDB data live (default: ./.local-data)
              --in-memory       keep DynamoDB data in memory only (the signing key is still kept in DIR)
              --table NAME      DynamoDB table name (default: participants)
              --issuer ISS      expected token issuer (default: participants-local)
              --audience AUD    expected token audience (default: participants-api)
              --jwks-url URL    verify tokens of a real identity provider with its JWKS;
                                needs --issuer and --audience

            token options:
              --tenant ID       the tenant_id claim (required)
              --scopes "A B"    space-separated scopes (default: every scope the API uses)
              --ttl SECONDS     lifetime (default: 3600)
              --subject SUB     the sub claim (default: dev-user)
              --data-dir, --issuer, --audience as for serve
            """;

    /** Reads {@code args}; the environment supplies {@code PORT}. Throws {@link IllegalArgumentException} on misuse. */
    public static LocalOptions parse(String[] args, Map<String, String> env) {
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        Command command = Command.SERVE;
        if (!rest.isEmpty() && !rest.peekFirst().startsWith("-")) {
            String name = rest.removeFirst();
            command = switch (name) {
                case "serve" -> Command.SERVE;
                case "token" -> Command.TOKEN;
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
        return new LocalOptions(command, port, dataDir.toAbsolutePath().normalize(), inMemory, table,
                issuer == null ? LocalIssuer.DEFAULT_ISSUER : issuer,
                audience == null ? LocalIssuer.DEFAULT_AUDIENCE : audience,
                jwksUrl, tenant, scopes, ttl, subject);
    }

    private static List<String> defaultScopes() {
        return FunctionCatalog.FUNCTIONS.stream().map(FunctionCatalog.Function::scope)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
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
