package io.participants.api.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Secrets Manager stand-in on 127.0.0.1 that keeps every version of a secret with its staging labels and honours
 * the conditional semantics the token store relies on, as AWS documents them:
 * <ul>
 *     <li>{@code PutSecretValue}: {@code ClientRequestToken} becomes the version id; the same token again with the
 *     same value is a no-op, with another value {@code ResourceExistsException}. {@code VersionStages} are attached to
 *     the new version (moved off any other); without them, {@code AWSCURRENT} moves to it and the version it left gets
 *     {@code AWSPREVIOUS}.</li>
 *     <li>{@code UpdateSecretVersionStage}: a label already on another version moves only when
 *     {@code RemoveFromVersionId} names that version; otherwise {@code InvalidParameterException}. Moving
 *     {@code AWSCURRENT} moves {@code AWSPREVIOUS} to the version it left.</li>
 *     <li>{@code GetSecretValue}: the {@code AWSCURRENT} version unless a {@code VersionId} or {@code VersionStage}
 *     names another.</li>
 * </ul>
 * Every operation runs under one lock, as the service applies each request atomically.
 */
public final class VersionedSecretsManager implements AutoCloseable {

    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";
    private static final JsonFactory JSON = new JsonFactory();

    private record Version(String id, String value, Set<String> stages) {
    }

    private static final class Secret {
        final String name;
        final Map<String, Version> versions = new LinkedHashMap<>();

        Secret(String name) {
            this.name = name;
        }

        Version labelled(String stage) {
            return versions.values().stream().filter(v -> v.stages().contains(stage)).findFirst().orElse(null);
        }

        void attach(String stage, Version to) {
            versions.values().forEach(v -> v.stages().remove(stage));
            to.stages().add(stage);
        }
    }

    /** Raised as Secrets Manager's error answer. */
    private static final class Refusal extends RuntimeException {
        final String type;

        Refusal(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private final Map<String, Secret> secrets = new HashMap<>();
    private final List<String> operations = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final SecretsManagerClient client;

    public VersionedSecretsManager() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        client = SecretsClients.create(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), endpoint());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public SecretsManagerClient client() {
        return client;
    }

    /** Creates or replaces a secret's current value, as an operator's put does. */
    public synchronized void put(String name, String value) {
        Secret secret = secrets.computeIfAbsent(name, Secret::new);
        putVersion(secret, UUID.randomUUID().toString(), value, List.of());
    }

    /** The current value, or null. */
    public synchronized String current(String name) {
        Secret secret = secrets.get(name);
        Version current = secret == null ? null : secret.labelled(CURRENT);
        return current == null ? null : current.value();
    }

    /** How many versions the secret has had. */
    public synchronized int versions(String name) {
        Secret secret = secrets.get(name);
        return secret == null ? 0 : secret.versions.size();
    }

    /** The operations served, in order, such as {@code UpdateSecretVersionStage:InvalidParameterException}. */
    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    public synchronized void clear() {
        secrets.clear();
        operations.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.replaceFirst("^secretsmanager\\.", "");
            Map<String, Object> request = parse(exchange.getRequestBody().readAllBytes());
            int status = 200;
            String body;
            synchronized (this) {
                try {
                    body = handle(operation, request);
                    operations.add(operation);
                } catch (Refusal refusal) {
                    status = 400;
                    operations.add(operation + ":" + refusal.type);
                    body = write(g -> {
                        g.writeStringField("__type", refusal.type);
                        g.writeStringField("message", refusal.getMessage());
                    });
                }
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", SecretsManagerStub.JSON_1_1);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String handle(String operation, Map<String, Object> request) {
        return switch (operation) {
            case "GetSecretValue" -> getSecretValue(request);
            case "CreateSecret" -> createSecret(request);
            case "PutSecretValue" -> putSecretValue(request);
            case "UpdateSecretVersionStage" -> updateSecretVersionStage(request);
            case "DeleteSecret" -> deleteSecret(request);
            default -> throw new Refusal("InvalidAction", "not served by the stand-in: " + operation);
        };
    }

    private Secret secret(Map<String, Object> request) {
        Secret secret = secrets.get((String) request.get("SecretId"));
        if (secret == null) {
            throw new Refusal("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return secret;
    }

    private String getSecretValue(Map<String, Object> request) {
        Secret secret = secret(request);
        String versionId = (String) request.get("VersionId");
        String stage = (String) request.get("VersionStage");
        Version version = versionId != null ? secret.versions.get(versionId)
                : secret.labelled(stage != null ? stage : CURRENT);
        if (version == null) {
            throw new Refusal("ResourceNotFoundException", "Secrets Manager can't find the specified secret value.");
        }
        return write(g -> {
            g.writeStringField("ARN", arn(secret.name));
            g.writeStringField("Name", secret.name);
            g.writeStringField("VersionId", version.id());
            g.writeStringField("SecretString", version.value());
            g.writeArrayFieldStart("VersionStages");
            for (String s : version.stages()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeNumberField("CreatedDate", 1.7E9);
        });
    }

    private String createSecret(Map<String, Object> request) {
        String name = (String) request.get("Name");
        if (secrets.containsKey(name)) {
            throw new Refusal("ResourceExistsException", "The operation failed because the secret already exists.");
        }
        Secret secret = new Secret(name);
        secrets.put(name, secret);
        String token = (String) request.getOrDefault("ClientRequestToken", UUID.randomUUID().toString());
        putVersion(secret, token, (String) request.get("SecretString"), List.of());
        return versionAnswer(secret, token);
    }

    @SuppressWarnings("unchecked")
    private String putSecretValue(Map<String, Object> request) {
        Secret secret = secret(request);
        String token = (String) request.getOrDefault("ClientRequestToken", UUID.randomUUID().toString());
        String value = (String) request.get("SecretString");
        Version existing = secret.versions.get(token);
        if (existing != null) {
            if (!Objects.equals(existing.value(), value)) {
                throw new Refusal("ResourceExistsException",
                        "You can't modify an existing version, you can only create a new version.");
            }
            return versionAnswer(secret, token);
        }
        List<String> stages = (List<String>) request.getOrDefault("VersionStages", List.of());
        putVersion(secret, token, value, stages);
        return versionAnswer(secret, token);
    }

    private String updateSecretVersionStage(Map<String, Object> request) {
        Secret secret = secret(request);
        String stage = (String) request.get("VersionStage");
        String moveTo = (String) request.get("MoveToVersionId");
        String removeFrom = (String) request.get("RemoveFromVersionId");
        Version holder = secret.labelled(stage);
        if (moveTo == null) {
            if (holder == null || !holder.id().equals(removeFrom)) {
                throw new Refusal("InvalidParameterException", "The staging label is not on that version.");
            }
            holder.stages().remove(stage);
            return versionAnswer(secret, removeFrom);
        }
        Version target = secret.versions.get(moveTo);
        if (target == null) {
            throw new Refusal("ResourceNotFoundException", "Secrets Manager can't find the specified version.");
        }
        if (holder != null && holder != target) {
            if (removeFrom == null) {
                throw new Refusal("InvalidParameterException", "The parameter RemoveFromVersionId can't be empty.");
            }
            if (!holder.id().equals(removeFrom)) {
                throw new Refusal("InvalidParameterException", "When you move staging label " + stage
                        + ", RemoveFromVersionId must be set to the version that currently has it.");
            }
        }
        secret.attach(stage, target);
        if (stage.equals(CURRENT) && holder != null && holder != target) {
            secret.attach(PREVIOUS, holder);
        }
        return versionAnswer(secret, moveTo);
    }

    private String deleteSecret(Map<String, Object> request) {
        Secret secret = secret(request);
        secrets.remove(secret.name);
        return write(g -> {
            g.writeStringField("ARN", arn(secret.name));
            g.writeStringField("Name", secret.name);
            g.writeNumberField("DeletionDate", 1.7E9);
        });
    }

    private static void putVersion(Secret secret, String id, String value, List<String> stages) {
        Version version = new Version(id, value, new LinkedHashSet<>());
        Version current = secret.labelled(CURRENT);
        secret.versions.put(id, version);
        if (stages.isEmpty() || stages.contains(CURRENT)) {
            secret.attach(CURRENT, version);
            if (current != null) {
                secret.attach(PREVIOUS, current);
            }
        }
        stages.stream().filter(s -> !s.equals(CURRENT)).forEach(s -> secret.attach(s, version));
    }

    private static String versionAnswer(Secret secret, String versionId) {
        return write(g -> {
            g.writeStringField("ARN", arn(secret.name));
            g.writeStringField("Name", secret.name);
            g.writeStringField("VersionId", versionId);
        });
    }

    private static String arn(String name) {
        return "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name + "-AbCdEf";
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The request's string and string-array fields. */
    private static Map<String, Object> parse(byte[] body) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        if (body.length == 0) {
            return fields;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else if (value == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        items.add(parser.getText());
                    }
                    fields.put(name, items);
                } else {
                    parser.skipChildren();
                }
            }
        }
        return fields;
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
