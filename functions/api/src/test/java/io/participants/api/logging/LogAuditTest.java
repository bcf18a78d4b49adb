package io.participants.api.logging;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.participants.api.avatars.AvatarStubs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after the whole suite of this module (its own surefire execution) over the copy of every line the suite
 * logged: each is one JSON object, many carry their request's context, and none holds a token, a secret or an
 * Authorization header, whatever the tests sent, stored or had Slack answer.
 */
class LogAuditTest {

    /** What must never be logged: the test secrets, bearer credentials and anything shaped like a token. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile(Pattern.quote(AvatarStubs.TOKEN)),
            Pattern.compile(Pattern.quote(AvatarStubs.CLIENT_SECRET)),
            Pattern.compile(Pattern.quote(AvatarStubs.STATE_KEY)),
            Pattern.compile("xox[abposr]-[A-Za-z0-9-]{6,}"),
            Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/-]{8,}"),
            Pattern.compile("(?i)\"?authorization\"?\\s*[:=]"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            Pattern.compile("(?i)client_secret"));

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        String copy = System.getProperty(JsonLogging.COPY_PROPERTY);
        assertThat(copy).as("the suite's log copy (system property %s)", JsonLogging.COPY_PROPERTY).isNotBlank();
        lines = Files.readAllLines(Path.of(copy), StandardCharsets.UTF_8);
    }

    @Test
    void theSuiteLoggedSomethingToAudit() {
        // the whole suite writes thousands of lines; a run of a few tests (-Dtest=...) writes fewer
        assertThat(lines).isNotEmpty();
    }

    @Test
    void everyLineIsOneJsonObjectWithTimeLevelLoggerAndMessage() throws IOException {
        for (String line : lines) {
            Map<String, Object> entry = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
            assertThat(entry).as(line).containsKeys("timestamp", "level", "loggerName", "formattedMessage");
        }
    }

    @Test
    void requestLinesCarryTheRequestIdsFunctionAndTenant() throws IOException {
        List<Map<String, Object>> withTenant = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> entry = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
            if (entry.get("mdc") instanceof Map<?, ?> mdc && mdc.containsKey(RequestLogContext.TENANT)) {
                assertThat(mdc.containsKey(RequestLogContext.REQUEST_ID)
                        && mdc.containsKey(RequestLogContext.API_REQUEST_ID)).as(line).isTrue();
                withTenant.add(entry);
            }
        }
        assertThat(withTenant).as("request lines with their context").isNotEmpty();
    }

    @Test
    void noLineHoldsATokenASecretOrAnAuthorizationHeader() {
        for (String line : lines) {
            for (Pattern forbidden : FORBIDDEN) {
                assertThat(forbidden.matcher(line).find()).as("%s in %s", forbidden, line).isFalse();
            }
        }
    }
}
