package io.participants.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference page ships with local mode only: its Swagger UI is on local mode's classpath (the api module's
 * {@code docs} jar) and in no jar of the Lambda zip, which the deployed functions run.
 */
class DocsPageArtifactsTest {

    private static final Path LAMBDA_ZIP = Path.of(System.getProperty("user.dir"))
            .resolve("../api/target/participants-api-lambda.zip").normalize();

    @Test
    void localModeHasThePage() throws IOException {
        for (String resource : List.of(DocsPage.PAGE, DocsPage.DOCUMENT,
                "META-INF/participants-docs/swagger-ui/res/swagger-ui-bundle.js")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
            }
        }
    }

    @Test
    void theLambdaZipHasNoneOfThePage() throws IOException {
        assertThat(LAMBDA_ZIP).as("the Lambda zip: build it first (mvn package -pl functions/api -am)")
                .isRegularFile();
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(LAMBDA_ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                entries.add(entry.getName());
                if (entry.getName().endsWith(".jar")) {
                    try (ZipInputStream jar = new ZipInputStream(zip.getInputStream(entry))) {
                        for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                            entries.add(entry.getName() + "!/" + inner.getName());
                        }
                    }
                }
            }
        }

        // the zip was read into its jars: the API's own jar, with the generated document the functions keep
        assertThat(entries).anyMatch(e -> e.matches("lib/participants-api-[^/]*\\.jar!/" + DocsPage.DOCUMENT));
        assertThat(entries).noneMatch(e -> e.contains("participants-docs") || e.contains("swagger-ui")
                || e.matches("lib/participants-api-[^/]*-docs\\.jar"));
    }
}
