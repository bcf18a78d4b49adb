package io.participants.bench;

import io.participants.bench.launcher.LambdaLauncher;
import io.participants.infra.Permissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zip that ships, as Lambda runs it (its jars only, Micronaut AOT's included, in a JVM of its own with the
 * stack's environment): the SnapStart hook registered by the handler survives a full collection, primes every route
 * of the deployable with one log line, and the next real request answers as its event says. The api module's suite
 * runs its handler in process without the AOT jar; this is what runs the artifact itself.
 */
class LambdaZipIntegrationTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final String TABLE = "participants-zip-test";

    private static Path work;
    private static BenchWorld world;
    private static Artifact artifact;

    @BeforeAll
    static void start() throws IOException {
        Path zip = ROOT.resolve("functions/api/target/participants-api-lambda.zip");
        assertThat(zip).as("the Lambda zip: build it first (mvn package -pl functions/api -am)").isRegularFile();
        work = Files.createTempDirectory("lambda-zip-test");
        artifact = Artifact.unzip(zip, work.resolve("task"));
        world = new BenchWorld(work);
    }

    @AfterAll
    static void stop() throws IOException {
        if (world != null) {
            world.dropTable(TABLE);
            world.close();
        }
        Artifact.deleteTree(work);
    }

    /** The zip Lambda unpacks for every deployable stays within issue 24's budget (docs/performance-priming.md). */
    @org.junit.jupiter.api.Test
    void theZipIsAtMost16MiB() throws IOException {
        Path zip = ROOT.resolve("functions/api/target/participants-api-lambda.zip");

        assertThat(Files.size(zip)).isLessThanOrEqualTo(16L * 1024 * 1024);
        // the SDK goes in shrunk, as one jar, and no SDK jar beside it
        try (var entries = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(entries.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.matches("lib/[a-z-]+-\\d[\\d.]*\\.jar")))
                    .contains("lib/aws-sdk-" + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION + ".jar")
                    .doesNotContain("lib/s3-" + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION + ".jar",
                            "lib/sdk-core-" + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION + ".jar");
        }
    }

    /**
     * Every deployable: the zip ships the AWS SDK shrunk to what the code reaches (functions/api/pom.xml's ProGuard
     * step), and only this test runs that jar, so each deployable's priming (every route's success path through
     * the SDK's real pipeline) and a real request must run on it.
     */
    static List<String> deployables() {
        return io.participants.api.FunctionCatalog.deployables();
    }

    @ParameterizedTest
    @MethodSource("deployables")
    void theShippedZipPrimesItsRoutesThenAnswersItsEvent(String deployable) throws IOException {
        EventFile event = EventFile.representative(EventFile.under(ROOT.resolve("events")), deployable);
        Path events = work.resolve(deployable + ".events.jsonl");
        ColdRunner.Spec spec = new ColdRunner.Spec(deployable, LambdaEnvironment.HANDLER_CLASS,
                LauncherClasspath.of(ROOT, artifact),
                LambdaEnvironment.forDeployable(deployable, world.locals(TABLE, artifact.taskRoot())), event, () -> {
            world.prepareStubs(event.function(), true);
            world.resetTable(TABLE);
            Bench.writeLines(events, new WarmRequests(world.dynamo(), TABLE).plan(event, 3).events());
        });
        assertThat(Permissions.forCatalog()).containsKey(deployable);

        ColdRunner.Child child = new ColdRunner(work, world.images().childJvmOptions(), 5)
                .start(spec, LambdaLauncher.Mode.PRIMED, List.of(), events);

        Map<String, String> result = child.fields();
        assertThat(result).containsEntry("status", String.valueOf(event.status())).containsEntry("unexpected", "0")
                .containsEntry("hooks", "1");
        List<String> log = Files.readAllLines(work.resolve(deployable + ".stdout.log"));
        assertThat(log.stream().filter(l -> l.contains("\"loggerName\":\"io.participants.api.priming.RoutePriming\"")))
                .singleElement().asString().contains("\"level\":\"INFO\"").contains("synthetic requests in ")
                .contains("[Primed[function=");
        // every route of the deployable went through the handler before the snapshot
        assertThat(log.stream().filter(l -> l.contains("snapstart-priming-"))).isNotEmpty();
    }
}
