package io.participants.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a profile sample is read: its phase, what its work was for, and the bean it was building. */
class ProfileTest {

    private static final String LAUNCHER = "io.participants.bench.launcher.LambdaLauncher.";

    @Test
    void thePhaseComesFromTheLaunchersOwnFrames() {
        assertThat(Profile.phaseOf(List.of("x.Y.z", LAUNCHER + "handler", LAUNCHER + "main"))).isZero();
        assertThat(Profile.phaseOf(List.of("x.Y.z", LAUNCHER + "cold", LAUNCHER + "main"))).isEqualTo(1);
        assertThat(Profile.phaseOf(List.of("x.Y.z", LAUNCHER + "main"))).isEqualTo(-1);
    }

    @Test
    void aRoutesMethodIsNotBeanCreationButABeansConstructionIs() {
        List<String> route = List.of("io.participants.api.participants.GetParticipantController.get",
                "io.participants.api.participants.$GetParticipantController$Definition$Exec.dispatch",
                "io.micronaut.web.router.AbstractRouteMatch.execute");
        List<String> bean = List.of("java.lang.ClassLoader.loadClass",
                "io.participants.api.config.$ServiceFactory$Clock0$Definition.instantiate",
                "io.micronaut.context.DefaultBeanContext.getBean");
        List<String> factory = List.of("io.participants.api.config.ServiceFactory.clock",
                "io.participants.api.config.$ServiceFactory$Clock0$Definition.instantiate",
                "io.micronaut.context.DefaultBeanContext.getBean");

        assertThat(Profile.categoryOf(route)).isEqualTo(Profile.OWN);
        assertThat(Profile.innermostBeanOf(route)).isNull();
        assertThat(Profile.categoryOf(bean)).isEqualTo(Profile.BEANS);
        assertThat(Profile.categoryOf(factory)).isEqualTo(Profile.OWN);
        assertThat(Profile.innermostBeanOf(factory)).isEqualTo("config.ServiceFactory.Clock0");
    }

    @Test
    void sdkWorkIsACallInsideAnOperationAndABuildOtherwise() {
        assertThat(Profile.categoryOf(List.of("software.amazon.awssdk.core.internal.http.StreamManagingStage.execute",
                "software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient.getItem"))).isEqualTo(Profile.SDK_CALLS);
        assertThat(Profile.categoryOf(List.of("software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder.build",
                "io.participants.api.config.$ServiceFactory$DynamoDbClient1$Definition.instantiate")))
                .isEqualTo(Profile.SDK_BUILDS);
    }

    @Test
    void aClassLoadsSourceIsItsJarOrTheJdk() {
        assertThat(Profile.source("file:/var/task/lib/micronaut-core-4.10.20.jar")).isEqualTo("micronaut-core-4.10.20.jar");
        assertThat(Profile.source("shared objects file")).startsWith("JDK");
        assertThat(Profile.source("jrt:/java.base")).startsWith("JDK");
        assertThat(Profile.source("__JVM_LookupDefineClass__")).isEqualTo("JDK and generated classes");
    }
}
