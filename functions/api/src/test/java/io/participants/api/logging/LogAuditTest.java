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
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        assumeTrue(Files.exists(Path.of(copy)), "nothing was logged in this run (-Dtest=...)");
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
    void everyRequestsLastLineCarriesItsRequestIdsAndMostTheirTenant() throws IOException {
        List<Map<?, ?>> answered = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> entry = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
            if (String.valueOf(entry.get("formattedMessage")).contains(" answered ")
                    && entry.get("mdc") instanceof Map<?, ?> mdc) {
                assertThat(mdc.containsKey(RequestLogContext.REQUEST_ID)
                        && mdc.containsKey(RequestLogContext.API_REQUEST_ID)).as(line).isTrue();
                answered.add(mdc);
            }
        }
        assumeFalse(answered.isEmpty(), "no request went through the handler in this run (-Dtest=...)");
        long withTenant = answered.stream().filter(mdc -> mdc.containsKey(RequestLogContext.TENANT)).count();
        // anonymous, forged-claim and OAuth callback requests have none
        assertThat(withTenant).as("requests whose line names their tenant").isGreaterThan(answered.size() / 2);
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
