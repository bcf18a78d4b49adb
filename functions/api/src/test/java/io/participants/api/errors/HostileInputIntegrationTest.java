package io.participants.api.errors;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static io.participants.api.errors.ProblemAssert.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that the hostile-requests fuzz test (fuzz/HostileRequestsFuzzTest) found answered with a 5xx, a bodiless
 * error, a success or an outsized problem, each as one example: malformed headers, a foreign Origin on a local
 * server, upper-case JSON media types that slipped past the body check, unpaired surrogates, huge quoted input,
 * control characters in a config's name, and an Accept header the API cannot serve.
 */
class HostileInputIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final String CONFIGS = "/v1/tenants/acme/integrations/configs";

    private static ApiHarness api;
    private static String participant;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        participant = api.request("POST", PARTICIPANTS).body("{\"displayName\":\"Existing\"}").send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aHeaderNameThatIsNoTokenIsABadRequestNotABareServerError() {
        for (String name : new String[] {"x-a\u0000", "x-{id}", "x y", "x-\u00e9", "x:y"}) {
            ApiResponse response = api.request("GET", PARTICIPANTS).header(name, "v").send();

            assertProblem(response, 400, "invalid-request");
            assertThat(response.field("detail")).isEqualTo("A request header has a malformed name or value");
        }
    }

    @Test
    void aHeaderValueWithAControlCharacterIsABadRequest() {
        for (String value : new String[] {"a\u0000b", "a\r\nx-injected: 1", "\u0001", "a\u007Fb"}) {
            assertProblem(api.request("GET", PARTICIPANTS).header("x-note", value).send(), 400, "invalid-request");
        }
        // refused before any route is chosen, so on the conversations family too, and on unknown paths
        assertProblem(api.request("GET", "/workspaces/6f1c2a5e-0000-4000-8000-00000000ac01/conversations")
                .header("x-note", "\u0000").send(), 400, "invalid-request");
        assertProblem(api.request("GET", "/nowhere").header("x-note", "\u0000").send(), 400, "invalid-request");
    }

    @Test
    void whitespaceAroundAHeaderValueIsNoPartOfIt() {
        ApiResponse created = api.request("POST", PARTICIPANTS).body("{\"displayName\":\"Padded\"}")
                .header("content-type", " \tapplication/json ").header("x-note", "  spaced  ").send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.request("GET", PARTICIPANTS).header("x-empty", "").send().status()).isEqualTo(200);
    }

    @Test
    void aForeignOriginRefusedByTheCorsFilterGetsAProblemBody() {
        // without a Host header the request is one to a local server, which refuses other origins (drive-by
        // localhost attacks); the framework answered that with a bodiless 403
        ApiResponse response = api.request("GET", PARTICIPANTS).header("origin", "https://evil.example").send();

        assertProblem(response, 403, "forbidden");
        assertThat(response.field("detail")).isEqualTo("Cross-origin requests from this Origin are not allowed");
        // behind API Gateway, with its Host header, the origin does not matter
        assertThat(api.request("GET", PARTICIPANTS).header("origin", "https://evil.example")
                .header("host", "abc123.execute-api.us-east-1.amazonaws.com").send().status()).isEqualTo(200);
    }

    @Test
    void anUpperCaseJsonMediaTypeGetsTheBodyCheckToo() {
        for (String type : new String[] {"APPLICATION/JSON", "Application/Json; charset=UTF-8",
                "application/MERGE-PATCH+JSON"}) {
            assertProblem(api.request("PATCH", PARTICIPANTS + "/" + participant).header("content-type", type)
                    .body("{\"displayName\":\"Garbage after\"} garbage").send(), 400, "malformed-body");
            // invalid base64 reached the binding, which answered 500
            assertProblem(api.request("PATCH", PARTICIPANTS + "/" + participant).header("content-type", type)
                    .base64Body("A%%%").send(), 400, "malformed-body");
        }
        assertThat(api.request("GET", PARTICIPANTS + "/" + participant).send().field("displayName"))
                .isEqualTo("Existing");
        assertThat(api.request("POST", PARTICIPANTS).header("content-type", "APPLICATION/JSON")
                .body("{\"displayName\":\"Upper\"}").send().status()).isEqualTo(201);
    }

    @Test
    void aStringWithAnUnpairedSurrogateIsMalformed() {
        for (String json : new String[] {"\"\\ud800\"", "\"Ada \\udc00\"", "\"\\udc00\\ud800\"", "\"x\\ud83d\""}) {
            ApiResponse response = api.request("POST", PARTICIPANTS).body("{\"displayName\":" + json + "}").send();

            assertProblem(response, 400, "malformed-body");
            assertThat(response.field("detail")).contains("unpaired surrogate");
        }
        assertProblem(api.request("POST", PARTICIPANTS).body("{\"displayName\":\"x\",\"\\ud800\":1}").send(), 400,
                "malformed-body");
        // as raw bytes (the UTF-8 of a surrogate, which UTF-8 forbids) in a base64 body
        byte[] raw = {'{', '"', 'd', 'i', 's', 'p', 'l', 'a', 'y', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED,
                (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertProblem(api.request("POST", PARTICIPANTS).header("content-type", "application/json")
                .base64Body(Base64.getEncoder().encodeToString(raw)).send(), 400, "malformed-body");
        // a pair is one character
        ApiResponse emoji = api.request("POST", PARTICIPANTS).body("{\"displayName\":\"Ada \\ud83d\\ude00\"}").send();
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
        assertThat(emoji.field("displayName")).isEqualTo("Ada \uD83D\uDE00");
    }

    @Test
    void aProblemQuotesHugeInputOnlyInPart() {
        String name = "\uD83D\uDE00".repeat(5_000);
        String body = "{\"displayName\":\"x\",\"" + name + "\":1}";

        ApiResponse response = api.request("POST", PARTICIPANTS).body(body).send();

        assertProblem(response, 400, "invalid-request");
        String field = errorFields(response).get(0);
        assertThat(field).hasSize(200 + 1).endsWith("…").startsWith("\uD83D\uDE00");
        assertThat(response.field("detail").length()).isLessThanOrEqualTo(1001);
        assertThat(response.body().length()).as("120,000 characters before").isLessThan(10_000);
    }

    @Test
    void aConfigNameWithControlCharactersIsRefusedLikeEveryOtherName() {
        ApiResponse response = api.request("POST", CONFIGS).body("{\"provider\":\"EMAIL\",\"name\":\"\\u0000\"}")
                .send();

        assertProblem(response, 400, "invalid-request", "name");
        assertThat(api.request("GET", CONFIGS).send().body()).doesNotContain("\\u0000");
    }

    @Test
    void anAcceptHeaderTheApiCannotServeIsADocumentedNotAcceptable() {
        // the harness checks the answer against the OpenAPI document, which now lists 406
        ApiResponse response = api.request("GET", PARTICIPANTS).header("accept", "text/html").send();

        assertProblem(response, 406, "not-acceptable");
        assertThat(api.request("GET", PARTICIPANTS).header("accept", "application/json").send().status())
                .isEqualTo(200);
    }
}
