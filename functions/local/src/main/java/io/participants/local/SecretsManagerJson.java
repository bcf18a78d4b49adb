package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets Manager's JSON 1.1 protocol for the operations the service (and a developer's AWS CLI) uses:
 * GetSecretValue, CreateSecret, PutSecretValue (with VersionStages), UpdateSecretVersionStage (AWSCURRENT, as a
 * compare-and-set), DeleteSecret and DescribeSecret. Requests and answers carry the
 * service's field names; errors are {@link SecretsError}s.
 */
final class SecretsManagerJson {

    static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LocalSecrets secrets;

    SecretsManagerJson(LocalSecrets secrets) {
        this.secrets = secrets;
    }

    /** The answer to {@code operation} (the part of {@code X-Amz-Target} after {@code secretsmanager.}). */
    ObjectNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "GetSecretValue" -> getSecretValue(request);
            case "CreateSecret" -> createSecret(request);
            case "PutSecretValue" -> putSecretValue(request);
            case "UpdateSecretVersionStage" -> updateSecretVersionStage(request);
            case "DeleteSecret" -> deleteSecret(request);
            case "DescribeSecret" -> describeSecret(request);
            default -> throw new SecretsError(UNKNOWN_OPERATION,
                    "Local mode's Secrets Manager does not support " + operation);
        };
    }

    private ObjectNode getSecretValue(JsonNode request) {
        StoredSecret secret = secrets.value(text(request, "SecretId"), text(request, "VersionId"),
                text(request, "VersionStage"));
        ObjectNode answer = identity(secret)
                .put("VersionId", secret.versionId())
                .put("CreatedDate", seconds(secret.lastChangedDate()));
        if (secret.secretString() != null) {
            answer.put("SecretString", secret.secretString());
        } else {
            answer.put("SecretBinary", secret.secretBinary());
        }
        answer.putArray("VersionStages").add(LocalSecrets.CURRENT);
        return answer;
    }

    private ObjectNode createSecret(JsonNode request) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : request.path("Tags")) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText());
        }
        StoredSecret secret = secrets.create(text(request, "Name"), text(request, "Description"),
                text(request, "SecretString"), text(request, "SecretBinary"), text(request, "ClientRequestToken"),
                tags);
        ObjectNode answer = identity(secret);
        if (secret.hasValue()) {
            answer.put("VersionId", secret.versionId());
        }
        return answer;
    }

    private ObjectNode putSecretValue(JsonNode request) {
        List<String> stages = new java.util.ArrayList<>();
        request.path("VersionStages").forEach(stage -> stages.add(stage.asText()));
        if (!stages.isEmpty() && !stages.contains(LocalSecrets.CURRENT)) {
            StoredSecret staged = secrets.stageValue(text(request, "SecretId"), text(request, "SecretString"),
                    text(request, "SecretBinary"), text(request, "ClientRequestToken"));
            ObjectNode answer = identity(staged).put("VersionId", staged.versionId());
            var labels = answer.putArray("VersionStages");
            stages.forEach(labels::add);
            return answer;
        }
        StoredSecret secret = secrets.putValue(text(request, "SecretId"), text(request, "SecretString"),
                text(request, "SecretBinary"), text(request, "ClientRequestToken"));
        ObjectNode answer = identity(secret).put("VersionId", secret.versionId());
        answer.putArray("VersionStages").add(LocalSecrets.CURRENT);
        return answer;
    }

    private ObjectNode updateSecretVersionStage(JsonNode request) {
        StoredSecret secret = secrets.moveCurrent(text(request, "SecretId"), text(request, "VersionStage"),
                text(request, "MoveToVersionId"), text(request, "RemoveFromVersionId"));
        return identity(secret);
    }

    private ObjectNode deleteSecret(JsonNode request) {
        JsonNode window = request.get("RecoveryWindowInDays");
        LocalSecrets.Deletion deletion = secrets.delete(text(request, "SecretId"),
                request.path("ForceDeleteWithoutRecovery").asBoolean(false),
                window == null || window.isNull() ? null : window.asLong());
        return identity(deletion.secret()).put("DeletionDate", seconds(deletion.deletionDate()));
    }

    private ObjectNode describeSecret(JsonNode request) {
        StoredSecret secret = secrets.describe(text(request, "SecretId"));
        ObjectNode answer = identity(secret)
                .put("CreatedDate", seconds(secret.createdDate()))
                .put("LastChangedDate", seconds(secret.lastChangedDate()));
        if (secret.description() != null) {
            answer.put("Description", secret.description());
        }
        if (secret.scheduledForDeletion()) {
            answer.put("DeletedDate", seconds(secret.deletionDate()));
        }
        if (!secret.tags().isEmpty()) {
            var tags = answer.putArray("Tags");
            secret.tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        }
        if (secret.hasValue()) {
            answer.putObject("VersionIdsToStages").putArray(secret.versionId()).add(LocalSecrets.CURRENT);
        }
        return answer;
    }

    private static ObjectNode identity(StoredSecret secret) {
        return NODES.objectNode().put("ARN", secret.arn()).put("Name", secret.name());
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The protocol's timestamps: seconds since the epoch, with milliseconds as the fraction. */
    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
