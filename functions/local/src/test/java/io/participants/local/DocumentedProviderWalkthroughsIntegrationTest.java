package io.participants.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider walk-throughs of docs/providers.md and docs/providers-teams.md, run as written by bash against local
 * mode: the shell blocks are read from the pages. Two lines of each are not run by bash but stand for what the test
 * starts itself: WireMock's standalone jar (an in-process WireMock on a free port) and the {@code ./local …&} that
 * serves (local mode in process, with that line's options, on a free port, on the {@code .local-data} of the
 * working directory). Every other command, {@code ./local slack-app}, {@code ./local microsoft-app},
 * {@code ./local token} and each stub's and request's curl, runs as documented, with the documented ports replaced
 * by the free ones.
 */
class DocumentedProviderWalkthroughsIntegrationTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    /** The stand-in's line: the jar, then {@code --port N} on it or its continuation. */
    private static final Pattern WIREMOCK_PORT = Pattern.compile("wiremock-standalone.*--port (\\d+)");
    private static final Pattern PORT_OPTION = Pattern.compile("--port (\\d+)");
    private static final String README_DEFAULT_PORT = "8080";

    @TempDir
    Path workDir;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void everyProviderInLocalModeAnswersAsThePageSays() throws Exception {
        // the page's set-up names Slack's stubs and connection "as in docs/local-mode.md": those, then its own
        String readme = block("README.md", "## A session with curl", 0);
        String session = readme.substring(0, readme.indexOf("\n\n") + 1);          // TOKEN, API, AUTH, JSON
        String slackConnect = block("docs/local-mode.md", "## Syncing an avatar in local mode", 1);
        slackConnect = slackConnect.substring(0, slackConnect.indexOf("MARIA="));    // $SLACK connected
        String script = block("docs/local-mode.md", "## Syncing an avatar in local mode", 0)
                + block("docs/providers.md", "## Every provider in local mode", 0)
                + session + slackConnect
                + block("docs/providers.md", "## Every provider in local mode", 1)
                + "echo \"ids: TG=$TG MAIL=$MAIL\"\n";

        String out = run(script);

        Matcher ids = Pattern.compile("ids: TG=(\\S+) MAIL=(\\S+)").matcher(out);
        assertThat(ids.find()).as(out).isTrue();
        assertThat(out).contains("\"status\":\"CONNECTED\",\"teamId\":\"7212345678\"")
                .contains("\"avatarSourceConfigId\":\"" + ids.group(1) + "\"")
                .contains("\"avatarSourceConfigId\":\"" + ids.group(2) + "\"")
                .doesNotContain("urn:problem-type");
        assertThat(answers(out)).doesNotContain("AAHlocalStandInTelegramToken");   // the bot token is never shown
        assertThat(lastBase64(out)).containsExactly(documentedPng("docs/providers.md"));
    }

    @Test
    void theTeamsWalkthroughConnectsAndSyncsAsThePageSays() throws Exception {
        String out = run(block("docs/providers-teams.md", "## Local mode against a stand-in", 0)
                + "echo \"ids: TEAMS=$TEAMS ADA=$ADA\"\n");

        assertThat(out).contains("Stored the Microsoft app credentials")
                .contains("\"provider\":\"MICROSOFT_TEAMS\"")
                .contains("\"status\":\"CONNECTED\"")
                .contains("\"avatarSource\":\"CHANNEL_SYNC\"")
                .contains("\"avatarSourceAddress\":\"6e2f1a3b-9c4d-4e5f-8a7b-0c1d2e3f4a5b\"")
                .contains("\"avatarFileId\":\"")
                .doesNotContain("urn:problem-type");
        assertThat(answers(out)).doesNotContain("at-local").doesNotContain("rt-local");  // they stay in the secret
    }

    /**
     * Runs the script with its stand-in and local mode started by the test in place of their background lines, and
     * answers what bash printed.
     */
    private String run(String documented) throws Exception {
        String script = documented;
        WireMockServer standIn = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        standIn.start();
        started.add(standIn::stop);
        Matcher wiremock = WIREMOCK_PORT.matcher(script.replace("\\\n", " "));
        assertThat(wiremock.find()).as("the stand-in's line").isTrue();
        String stubPort = wiremock.group(1);
        script = withPort(script, stubPort, standIn.port());
        script = withoutCommand(script, "java -jar ").script();

        Command serve = withoutCommand(script, "./local --");
        script = serve.script();
        List<String> args = new ArrayList<>(List.of(serve.line().substring("./local ".length()).trim().split("\\s+")));
        String apiPort = README_DEFAULT_PORT;
        int port = args.indexOf("--port");
        if (port >= 0) {
            apiPort = args.remove(port + 1);
            args.remove(port);
        }
        args.addAll(List.of("--port", "0", "--data-dir", workDir.resolve(".local-data").toString()));
        LocalApi api = LocalApi.start(LocalOptions.parse(args.toArray(String[]::new), Map.of()));
        started.add(api::close);
        script = withPort(script, apiPort, api.port());
        if (!apiPort.equals(README_DEFAULT_PORT)) {
            script = withPort(script, README_DEFAULT_PORT, api.port());
        }
        return bash(script);
    }

    private static String withPort(String script, String documented, int actual) {
        return script.replaceAll("127\\.0\\.0\\.1:" + documented + "\\b", "127.0.0.1:" + actual);
    }

    /**
     * A script without its commands that start with {@code prefix}, continuation lines included, and the last of
     * them (the set-up of docs/providers.md follows and extends that of docs/local-mode.md).
     */
    private record Command(String script, String line) {
    }

    private static Command withoutCommand(String script, String prefix) {
        List<String> kept = new ArrayList<>();
        StringBuilder command = null;
        boolean continuing = false;
        for (String line : script.split("\n", -1)) {
            if (continuing) {
                command.append(' ').append(line);
                continuing = line.endsWith("\\");
                continue;
            }
            if (line.startsWith(prefix)) {
                command = new StringBuilder(line);
                continuing = line.endsWith("\\");
                continue;
            }
            kept.add(line);
        }
        assertThat(command).as("a line starting " + prefix).isNotNull();
        String line = command.toString().replace("\\", " ");
        line = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        line = line.strip();
        assertThat(line).as("runs in the background").endsWith("&");
        return new Command(String.join("\n", kept), line.substring(0, line.length() - 1).strip());
    }

    /** What the API answered: all the script printed after WireMock's echo of the last stub. */
    private static String answers(String out) {
        return out.substring(out.lastIndexOf("\"uuid\" : "));
    }

    /** The last base64 text the script printed (base64 wraps its lines): the walk-through's served image. */
    private static byte[] lastBase64(String out) {
        StringBuilder last = new StringBuilder();
        StringBuilder run = new StringBuilder();
        for (String line : out.lines().toList()) {
            // curl prints no newline after an answer: base64's first line may follow a JSON answer's last brace
            String text = line.substring(line.lastIndexOf('}') + 1);
            if (text.length() < line.length() || !text.matches("[A-Za-z0-9+/]+=*")) {
                if (!run.isEmpty()) {
                    last = run;
                    run = new StringBuilder();
                }
            }
            if (text.matches("[A-Za-z0-9+/]+=*")) {
                run.append(text);
            }
        }
        last = run.isEmpty() ? last : run;
        assertThat(last).as(out).isNotEmpty();
        return Base64.getDecoder().decode(last.toString());
    }

    /** The image the page's stubs serve: its {@code PNG=} line. */
    private static byte[] documentedPng(String page) throws IOException {
        Matcher png = Pattern.compile("(?m)^PNG=(\\S+)$").matcher(Files.readString(ROOT.resolve(page)));
        assertThat(png.find()).isTrue();
        return Base64.getDecoder().decode(png.group(1));
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

    /** Runs the script with bash in the working directory, {@code ./local} being local mode on this classpath. */
    private String bash(String block) throws Exception {
        Path local = workDir.resolve("local");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(local, "#!/usr/bin/env bash\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + LocalMode.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process bash = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + block).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        bash.getOutputStream().close();
        byte[] output = bash.getInputStream().readAllBytes();
        assertThat(bash.waitFor(180, TimeUnit.SECONDS)).as("the block finished").isTrue();
        String out = new String(output, StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(out).isZero();
        return out;
    }
}
