package io.participants.api.errors;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.participants.api.errors.ProblemAssert.assertNoInternals;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies the API cannot take: not JSON, not one JSON object, unknown or mistyped fields, too large, or of
 * another media type. Syntax errors are {@code malformed-body}; a well-formed body with a field of the wrong name
 * or JSON type is {@code invalid-request} naming that field; JSON values are never coerced into another type.
 */
class RequestBodyIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final String CONFIGS = "/v1/tenants/acme/integrations/configs";

    private static ApiHarness api;
    private static String slackConfig;
    private static String participant;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        slackConfig = api.request("POST", CONFIGS).jsonBody(Map.of("provider", "SLACK", "name", "Slack")).send()
                .field("id");
        participant = post("{\"displayName\":\"Existing\"}").field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aTruncatedBodyIsMalformed() {
        ApiResponse response = post("{\"displayName\":\"Ada\"");

        assertProblem(response, 400, "malformed-body");
        assertThat(response.field("detail")).contains("line 1, column");
    }

    @Test
    void trailingGarbageAfterTheObjectIsMalformed() {
        assertProblem(post("{\"displayName\":\"Ada\"} garbage"), 400, "malformed-body");
        assertProblem(post("{\"displayName\":\"Ada\"}}"), 400, "malformed-body");
    }

    @Test
    void twoJsonValuesAreMalformed() {
        assertProblem(post("{\"displayName\":\"Ada\"}{\"displayName\":\"Bob\"}"), 400, "malformed-body");
        assertProblem(post("{\"displayName\":\"Ada\"} 1"), 400, "malformed-body");
        assertThat(list()).doesNotContain("Ada", "Bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "[{\"displayName\":\"Ada\"}]", "\"Ada\"", "42", "true", "null"})
    void aBodyThatIsNotAnObjectIsMalformed(String body) {
        assertProblem(post(body), 400, "malformed-body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void anEmptyBodyOnPostIsMalformed(String body) {
        assertProblem(post(body), 400, "malformed-body");
        assertProblem(api.request("POST", CONFIGS).body(body).send(), 400, "malformed-body");
    }

    @Test
    void anAbsentBodyOnPostOrPatchIsMalformed() {
        assertProblem(api.request("POST", PARTICIPANTS).header("content-type", "application/json").send(), 400,
                "malformed-body");
        assertProblem(api.request("PATCH", PARTICIPANTS + "/" + participant).body("").send(), 400,
                "malformed-body");
    }

    @Test
    void aBodyThatIsNotValidBase64IsMalformed() {
        assertProblem(api.request("POST", PARTICIPANTS).base64Body("%%%not base64%%%")
                .header("content-type", "application/json").send(), 400, "malformed-body");
    }

    @Test
    void aBase64BodyIsReadLikeAPlainOne() {
        String encoded = Base64.getEncoder()
                .encodeToString("{\"displayName\":\"Encoded\"} x".getBytes(StandardCharsets.UTF_8));
        assertProblem(api.request("POST", PARTICIPANTS).base64Body(encoded)
                .header("content-type", "application/json").send(), 400, "malformed-body");

        String good = Base64.getEncoder()
                .encodeToString("{\"displayName\":\"Encoded\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(api.request("POST", PARTICIPANTS).base64Body(good).header("content-type", "application/json")
                .send().status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"})
    void aBodyInAnotherUnicodeEncodingIsMalformed(String charset) {
        String encoded = Base64.getEncoder().encodeToString("{\"displayName\":\"Sixteen\"}"
                .getBytes(Charset.forName(charset)));

        assertProblem(api.request("POST", PARTICIPANTS).base64Body(encoded)
                .header("content-type", "application/json").send(), 400, "malformed-body");
    }

    @Test
    void aBodyWithBytesThatAreNotUtf8IsMalformed() {
        byte[] latin1 = "{\"displayName\":\"José\"}".getBytes(StandardCharsets.ISO_8859_1);

        ApiResponse response = api.request("POST", PARTICIPANTS).base64Body(Base64.getEncoder().encodeToString(latin1))
                .header("content-type", "application/json").send();

        assertProblem(response, 400, "malformed-body");
        assertThat(response.field("detail")).contains("UTF-8");
    }

    @Test
    void deeplyNestedJsonIsMalformedNotAServerError() {
        String nested = "{\"displayName\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertProblem(post(nested), 400, "malformed-body");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertProblem(post("{\"displayName\":\"x\",\"bogus\":1}"), 400, "invalid-request", "bogus");
        assertProblem(patch("{\"displayName\":\"x\",\"bogus\":1}"), 400, "invalid-request", "bogus");
        assertProblem(api.request("POST", CONFIGS).body("{\"provider\":\"SLACK\",\"name\":\"n\",\"region\":\"eu\"}")
                .send(), 400, "invalid-request", "region");
    }

    @Test
    void anUnknownFieldInAChannelIsNamedWithItsPath() {
        String body = "{\"displayName\":\"x\",\"channels\":[{\"integrationConfigId\":\"" + slackConfig
                + "\",\"address\":\"U0AAAA\"},{\"integrationConfigId\":\"" + slackConfig
                + "\",\"address\":\"U0BBBB\",\"bogus\":true}]}";

        assertProblem(post(body), 400, "invalid-request", "channels[1].bogus");
        assertProblem(patch(body), 400, "invalid-request", "channels[1].bogus");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"displayName\":123}|displayName",
            "{\"displayName\":true}|displayName",
            "{\"displayName\":{}}|displayName",
            "{\"displayName\":[\"x\"]}|displayName",
            "{\"displayName\":\"x\",\"email\":42}|email",
            "{\"displayName\":\"x\",\"channels\":{}}|channels",
            "{\"displayName\":\"x\",\"channels\":\"U0123\"}|channels",
            "{\"displayName\":\"x\",\"channels\":[1]}|channels[0]",
            "{\"displayName\":\"x\",\"agentIds\":\"a\"}|agentIds",
            "{\"displayName\":\"x\",\"agentIds\":{\"a\":1}}|agentIds",
            "{\"displayName\":\"x\",\"agentIds\":[\"a\",1]}|agentIds",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":\"U0CCCC\",\"priority\":\"high\"}]}|channels[0].priority",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":\"U0CCCC\",\"priority\":1.5}]}|channels[0].priority",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":\"U0CCCC\",\"priority\":2147483648}]}|channels[0].priority",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":\"U0CCCC\",\"disabled\":\"yes\"}]}|channels[0].disabled",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":\"U0CCCC\",\"disabled\":1}]}|channels[0].disabled",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":\"U0CCCC\",\"disabled\":[true]}]}|channels[0].disabled",
            "{\"displayName\":\"x\",\"channels\":[{\"address\":7}]}|channels[0].address",
    })
    void aFieldOfTheWrongJsonTypeIsNamedAndNeverCoerced(String body, String field) {
        assertProblem(post(body), 400, "invalid-request", field);
        assertProblem(patch(body), 400, "invalid-request", field);
    }

    @Test
    void configFieldsOfTheWrongTypeAreNamed() {
        assertProblem(api.request("POST", CONFIGS).body("{\"provider\":[\"SLACK\"],\"name\":\"n\"}").send(), 400,
                "invalid-request", "provider");
        assertProblem(api.request("POST", CONFIGS).body("{\"provider\":\"SLACK\",\"name\":5}").send(), 400,
                "invalid-request", "name");
    }

    @Test
    void aBodyOverSixtyFourKibibytesIsTooLarge() {
        String body = "{\"displayName\":\"x\",\"email\":\"" + "a".repeat(70 * 1024) + "@example.com\"}";

        assertProblem(post(body), 413, "payload-too-large");
        assertProblem(api.request("POST", PARTICIPANTS).header("content-type", "application/json")
                .base64Body(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).send(), 413,
                "payload-too-large");
        assertProblem(patch(body), 413, "payload-too-large");
    }

    @Test
    void theLimitIsSixtyFourKibibytesExactly() {
        String json = "{\"displayName\":\"Exactly at the limit\"}";
        String atLimit = json + " ".repeat(64 * 1024 - json.length());

        assertThat(post(atLimit).status()).isEqualTo(201);
        assertProblem(post(atLimit + " "), 413, "payload-too-large");
    }

    @Test
    void theLimitCountsTheBodysUtf8BytesNotItsCharacters() {
        String json = "{\"displayName\":\"";
        // 'é' is two bytes and '😀' four (two chars): 30,000 of each is 180,000 bytes in 90,000 chars, and 33,000
        // two-byte characters are 66,000 bytes in fewer than 64 Ki chars
        assertProblem(post(json + "é😀".repeat(30_000) + "\"}"), 413, "payload-too-large");
        assertProblem(post(json + "é".repeat(33_000) + "\"}"), 413, "payload-too-large");
        String fits = json + "é".repeat(100) + "\"}";
        assertThat(post(fits).status()).isNotEqualTo(413);
    }

    @Test
    void anOversizedMalformedBodyIsTooLargeRatherThanMalformed() {
        assertProblem(post("{\"displayName\":\"" + "x".repeat(70 * 1024)), 413, "payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
            "multipart/form-data; boundary=x"})
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType(String contentType) {
        assertProblem(api.request("POST", PARTICIPANTS).body("{\"displayName\":\"x\"}")
                .header("content-type", contentType).send(), 415, "unsupported-media-type");
        assertProblem(api.request("POST", CONFIGS).body("{\"provider\":\"SLACK\",\"name\":\"n\"}")
                .header("content-type", contentType).send(), 415, "unsupported-media-type");
        assertProblem(api.request("PATCH", PARTICIPANTS + "/" + participant).body("{\"displayName\":\"x\"}")
                .header("content-type", contentType).send(), 415, "unsupported-media-type");
    }

    @Test
    void jsonWithACharsetAndMergePatchOnPatchAreJson() {
        assertThat(api.request("POST", PARTICIPANTS).body("{\"displayName\":\"Charset\"}")
                .header("content-type", "application/json; charset=utf-8").send().status()).isEqualTo(201);
        ApiResponse merged = api.request("PATCH", PARTICIPANTS + "/" + participant)
                .body("{\"displayName\":\"Merged\"}").header("content-type", "application/merge-patch+json").send();
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertProblem(api.request("PATCH", PARTICIPANTS + "/" + participant).body("{\"displayName\":\"M\"} x")
                .header("content-type", "application/merge-patch+json").send(), 400, "malformed-body");
    }

    @Test
    void noBadBodyReachesTheImplementation() {
        List<String> bodies = List.of("{", "}", "{\"a\"", "{\"displayName\":\"x\",}", "{'displayName':'x'}",
                "{\"displayName\":\"\\uZZZZ\"}", "{\"displayName\":NaN}", "\u0000", "{\"displayName\":\"x\"}\u0000",
                "{\"channels\":[{\"integrationConfigId\":{\"$ne\":null}}]}", "{\"displayName\":-}",
                "{\"displayName\":\"x\",\"displayName\":7}", "[]", "{}", "{\"__proto__\":{}}");
        for (String body : bodies) {
            for (String method : List.of("POST", "PATCH")) {
                String path = method.equals("POST") ? PARTICIPANTS : PARTICIPANTS + "/" + participant;
                ApiResponse response = api.request(method, path).body(body).send();
                assertThat(response.status()).as(body + " -> " + response).isEqualTo(
                        body.equals("{}") && method.equals("PATCH") ? 200 : 400);
                assertNoInternals(response);
            }
        }
    }

    private static ApiResponse post(String body) {
        return api.request("POST", PARTICIPANTS).body(body).send();
    }

    private static ApiResponse patch(String body) {
        return api.request("PATCH", PARTICIPANTS + "/" + participant).body(body).send();
    }

    private static String list() {
        return api.request("GET", PARTICIPANTS).query("limit", "100").send().body();
    }
}
