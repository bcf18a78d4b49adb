package io.participants.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curl sessions of the README and docs/api.md, run as written by bash against local mode: the shell blocks are
 * read from the pages themselves, so a page whose commands stop working fails the build. Only the port differs
 * (local mode listens on a free one here), and {@code ./local} is local mode's own command line on the test's
 * classpath, run in a working directory whose {@code .local-data} is the running server's.
 */
class DocumentedSessionsIntegrationTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String DOCUMENTED_ORIGIN = "http://127.0.0.1:8080";

    @TempDir
    static Path workDir;

    private static LocalApi api;

    @BeforeAll
    static void start() throws IOException {
        api = LocalApi.start(LocalOptions.parse(new String[] {"serve", "--port", "0", "--in-memory", "--data-dir",
                workDir.resolve(".local-data").toString()}, Map.of()));
        Path local = workDir.resolve("local");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(local, "#!/usr/bin/env bash\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + LocalMode.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theReadmeSessionAnswersAsItsCommentsSay() throws Exception {
        String out = run(block("README.md", "## A session with curl", 0));

        assertThat(out).contains("ETag: \"1\"").contains("ETag: \"2\"")        // get, then the patch
                .contains("Content-Location: /v1/tenants/acme/participants/")    // the lookup found Ada
                .contains("\"displayName\":\"Ada King\"")                         // the list shows the patch
                .contains("\"nextPageToken\"")
                .contains("\"disabledAt\":null");                                 // enabled again
        assertThat(out.split("HTTP/1.1 204", -1)).as("the bind and the delete answer 204").hasSize(3);
        assertThat(out).doesNotContain("urn:problem-type");
    }

    @Test
    void theIdempotentCreateIsReplayedByteForByte() throws Exception {
        String out = run(block("README.md", "## A session with curl", 0)
                + "\n" + block("docs/api.md", "## Idempotent creates", 0));

        assertThat(out.split("HTTP/1.1 201", -1)).as("the README's creates and the two keyed ones").hasSizeGreaterThan(2);
        assertThat(out).contains("Idempotent-Replayed: true");
    }

    @Test
    void theConversationsSessionEndsWithTheRefusedWayBack() throws Exception {
        String out = run(block("docs/api.md", "## Conversations and their participants", 0));

        assertThat(out).contains("\"status\":\"pending\"")
                .contains("\"identifierValue\":\"john.doe@example.com\"")
                .contains("HTTP/1.1 409")
                .contains("urn:problem-type:participants:status-transition-not-allowed");
    }

    /** The {@code index}th fenced bash block under {@code heading} of a page (up to the next heading of its level). */
    private static String block(String page, String heading, int index) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(page));
        int start = lines.indexOf(heading);
        assertThat(start).as(heading + " in " + page).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        StringBuilder block = new StringBuilder();
        int found = -1;
        boolean inBlock = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!inBlock && line.startsWith(level)) {
                break;
            }
            if (!inBlock && line.equals("```bash")) {
                inBlock = ++found == index;
                continue;
            }
            if (line.equals("```")) {
                if (inBlock) {
                    return block.toString();
                }
                continue;
            }
            if (inBlock) {
                block.append(line).append('\n');
            }
        }
        throw new AssertionError("no bash block " + index + " under " + heading + " in " + page);
    }

    /** Runs a block with bash in the working directory, as a user pastes it, and answers what it printed. */
    private static String run(String block) throws Exception {
        String script = "set -euo pipefail\n"
                + block.replace(DOCUMENTED_ORIGIN, "http://127.0.0.1:" + api.port());
        Process bash = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        bash.getOutputStream().close();
        byte[] output = bash.getInputStream().readAllBytes();
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the block finished").isTrue();
        String out = new String(output, StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(out).isZero();
        return out;
    }
}
