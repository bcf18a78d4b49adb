package io.participants.infra;

import io.participants.api.FunctionCatalog;
import io.participants.api.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sam local invoke -t cdk.out/ParticipantsStack.template.json <LogicalId>} reads of each function: its
 * code from the asset the CDK metadata names in the cloud assembly, its handler, runtime and architecture, and its
 * environment, where every value the template cannot give outside AWS (a reference, an AWS endpoint) is one that
 * local mode's env.json sets ({@code ./local --sam-env-json}).
 */
class SamTemplateTest {

    /** As the CDK CLI synthesizes (cdk.json's app run by `npx cdk synth`): asset metadata on, which SAM reads. */
    private static final Synth synth = Synth.with(Map.of("aws:cdk:enable-asset-metadata", true));

    @Test
    void everyFunctionsCodeIsAnAssetInTheCloudAssembly() {
        Path assembly = Path.of(synth.app.synth().getDirectory());
        for (String deployable : FunctionCatalog.allDeployables()) {
            Map<String, Object> function = synth.resource(Functions.logicalId(deployable));
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) function.get("Metadata");
            assertThat(metadata).as(deployable).containsEntry("aws:asset:property", "Code");
            Path asset = assembly.resolve((String) metadata.get("aws:asset:path"));
            assertThat(Files.exists(asset)).as("%s's code at %s", deployable, asset).isTrue();
        }
    }

    @Test
    void everyFunctionNamesItsHandlerRuntimeAndArchitecture() {
        for (String deployable : FunctionCatalog.deployables()) {
            assertThat(Synth.props(synth.resource(Functions.logicalId(deployable)))).as(deployable)
                    .containsEntry("Handler", Functions.HANDLER)
                    .containsEntry("Runtime", "java25")
                    .containsEntry("Architectures", java.util.List.of("arm64"));
        }
    }

    /** {@code sam local invoke PublishChangeEventsFunction -e events/change-events/participant.created.json}. */
    @Test
    void theChangeEventsPublisherNamesItsOwnHandlerAndDeclaresItsBus() {
        assertThat(Synth.props(synth.resource(ChangeEvents.FUNCTION_ID)))
                .containsEntry("Handler", ChangeEvents.HANDLER)
                .containsEntry("Runtime", "java25")
                .containsEntry("Architectures", java.util.List.of("arm64"));
        assertThat(variables(FunctionCatalog.CHANGE_EVENTS)).containsKey(EnvironmentVariables.EVENT_BUS_NAME);
        assertThat(EnvironmentVariables.LOCAL_OVERRIDES).contains(EnvironmentVariables.EVENT_BUS_NAME);
    }

    @Test
    void everyValueTheTemplateCannotGiveLocallyIsOneLocalModesEnvJsonSets() {
        Set<String> unresolvable = new TreeSet<>();
        Permissions.forCatalog().forEach((deployable, permissions) -> {
            Map<String, Object> variables = variables(deployable);
            variables.forEach((name, value) -> {
                if (!(value instanceof String text) || text.isEmpty()) {
                    unresolvable.add(name);
                }
            });
            // every variable the function reads is declared, so that env.json can set it
            assertThat(variables).as(deployable).containsKeys(EnvironmentVariables.FUNCTION,
                    EnvironmentVariables.TABLE_NAME, EnvironmentVariables.TENANT_CLAIM,
                    EnvironmentVariables.DYNAMODB_ENDPOINT);
            if (permissions.usesAvatars()) {
                assertThat(variables).as(deployable).containsKeys(EnvironmentVariables.AVATARS_BUCKET,
                        EnvironmentVariables.AVATARS_TAG_UPLOADS, EnvironmentVariables.S3_ENDPOINT);
            }
            if (permissions.usesSecrets()) {
                assertThat(variables).as(deployable).containsKeys(EnvironmentVariables.SECRETS_PREFIX,
                        EnvironmentVariables.SECRETS_ENDPOINT);
            }
        });
        variables(FunctionCatalog.CHANGE_EVENTS).forEach((name, value) -> {
            if (!(value instanceof String text) || text.isEmpty()) {
                unresolvable.add(name);
            }
        });
        assertThat(EnvironmentVariables.LOCAL_OVERRIDES).containsAll(unresolvable);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> variables(String deployable) {
        Map<String, Object> environment = (Map<String, Object>) Synth.props(
                synth.resource(Functions.logicalId(deployable))).get("Environment");
        return (Map<String, Object>) environment.get("Variables");
    }
}
