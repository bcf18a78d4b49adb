package io.participants.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import software.constructs.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the deploy pipeline ({@link PipelineStack}) is built from, read from CDK context; there is no pipeline unless
 * {@code pipelineRepository} is set.
 *
 * @param repository    the source repository, {@code owner/name} (context {@code pipelineRepository})
 * @param branch        the branch it deploys (context {@code pipelineBranch}, default {@code main})
 * @param connectionArn the CodeStar connection to the repository's host (context {@code pipelineConnectionArn})
 * @param account       the account the pipeline runs in (context {@code pipelineAccount})
 * @param region        its region (context {@code pipelineRegion})
 * @param stages        the stages it deploys to, in order (context {@code pipelineStages})
 */
public record PipelineSettings(String repository, String branch, String connectionArn, String account, String region,
                               List<StageSettings> stages) {

    /**
     * One deployment of the service.
     *
     * @param name     the stage's name, as in the pipeline and the stack names ({@code staging})
     * @param account  the target account
     * @param region   the target region
     * @param approval whether a person approves before it deploys
     */
    public record StageSettings(String name, String account, String region, boolean approval) {
        public StageSettings {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("A pipeline stage needs a name of letters, digits and dashes: " + name);
            }
            requireAccount(account, "stage " + name);
            requireRegion(region, "stage " + name);
        }
    }

    public PipelineSettings {
        if (repository == null || !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("CDK context pipelineRepository must be owner/name: " + repository);
        }
        if (connectionArn == null || !connectionArn.startsWith("arn:")) {
            throw new IllegalArgumentException("CDK context pipelineConnectionArn is required (a CodeStar connection ARN)");
        }
        requireAccount(account, "pipelineAccount");
        requireRegion(region, "pipelineRegion");
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("CDK context pipelineStages names no stage");
        }
        stages = List.copyOf(stages);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The pipeline's settings, or empty when the context names no repository (no pipeline). */
    public static Optional<PipelineSettings> fromContext(Node node) {
        Object repository = node.tryGetContext("pipelineRepository");
        if (repository == null || repository.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PipelineSettings(repository.toString().trim(),
                text(node, "pipelineBranch", "main"),
                text(node, "pipelineConnectionArn", null),
                text(node, "pipelineAccount", System.getenv("CDK_DEFAULT_ACCOUNT")),
                text(node, "pipelineRegion", System.getenv("CDK_DEFAULT_REGION")),
                stages(node.tryGetContext("pipelineStages"))));
    }

    /** A JSON list of {@code {name, account, region, approval}} (cdk.json), or the same list as a string (-c). */
    @SuppressWarnings("unchecked")
    static List<StageSettings> stages(Object value) {
        Object list = value;
        if (value instanceof String text) {
            try {
                list = JSON.readValue(text, List.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("CDK context pipelineStages is not a JSON list of stages", e);
            }
        }
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        List<StageSettings> stages = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> stage)) {
                throw new IllegalArgumentException("CDK context pipelineStages holds a stage that is not an object");
            }
            Map<String, Object> fields = (Map<String, Object>) stage;
            stages.add(new StageSettings(string(fields.get("name")), string(fields.get("account")),
                    string(fields.get("region")), Boolean.parseBoolean(String.valueOf(fields.get("approval")))));
        }
        return stages;
    }

    private static String text(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString().trim();
    }

    private static void requireAccount(String account, String what) {
        if (account == null || !account.matches("\\d{12}")) {
            throw new IllegalArgumentException(what + " needs a 12-digit AWS account id: " + account);
        }
    }

    private static void requireRegion(String region, String what) {
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException(what + " needs an AWS region such as eu-west-1: " + region);
        }
    }
}
