package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The API reference as a person sees it: local mode started, {@code /docs} opened in Debian's headless Chromium, the
 * operations rendered, a token pasted into the Authorize dialog and one call tried from the page. Every request the
 * page makes is recorded through the DevTools protocol's Network domain, and each one went to local mode on
 * 127.0.0.1 (the browser cannot resolve any host name either). Screenshots: {@code target/docs-page/}.
 *
 * <p>Without Chromium the test is skipped, except under {@code CI=true}, where {@code .ci/run} installs it.
 */
class DocsPageChromiumIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "docs-page");
    private static final String LIST_PARTICIPANTS = "/v1/tenants/{tenantId}/participants";

    @TempDir
    static Path work;

    private static LocalApi api;
    private static HeadlessChromium browser;
    private static String origin;
    private static String token;

    @BeforeAll
    static void start() throws IOException {
        Path chromium = chromium();
        Path dataDir = Files.createDirectories(work.resolve("data"));
        LocalOptions options = LocalOptions.parse(
                new String[] {"serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString()}, Map.of());
        api = LocalApi.start(options);
        origin = "http://127.0.0.1:" + api.port();
        // what `./local token --tenant acme --scopes participants:read` prints
        token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience())
                .mint("dev-user", "acme", List.of("participants:read"), Duration.ofMinutes(10));
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.start(chromium, work.resolve("profile"), SCREENSHOTS.resolve("chromium.log"));
        for (String domain : List.of("Network", "Page", "Runtime", "Log")) {
            browser.send(domain + ".enable", Map.of());
        }
        // a page in the background has no focused input, and typed text would go nowhere
        browser.send("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** Chromium from the PATH; its absence skips the test on a developer's machine and fails it in CI. */
    private static Path chromium() {
        Optional<Path> found = HeadlessChromium.find();
        if (found.isPresent()) {
            return found.get();
        }
        String reason = "no chromium on the PATH (Debian: apt-get install chromium)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, yet " + reason + ": .ci/run installs it");
        }
        return abort(reason + "; the API reference was not tried in a browser");
    }

    @Test
    void thePageRendersEveryOperationThenTriesACallWithAPastedTokenAndLoadsNothingFromElsewhere() throws IOException {
        int mark = browser.eventCount();
        browser.send("Page.navigate", Map.of("url", origin + DocsPage.PATH));
        // the page's own script loads Swagger UI once the document has loaded
        browser.awaitEvent("Page.loadEventFired", mark);
        JsonNode rendered = browser.evaluate(Page.run("return waitFor(() => document.querySelectorAll('.opblock')"
                + ".length >= " + FunctionCatalog.FUNCTIONS.size() + ").then(() => [...document.querySelectorAll("
                + "'.opblock')].map(o => o.querySelector('.opblock-summary-method').textContent + ' '"
                + " + o.querySelector('.opblock-summary-path').dataset.path));"));
        Set<String> operations = StreamSupport.stream(rendered.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toSet());
        assertThat(operations).isEqualTo(FunctionCatalog.FUNCTIONS.stream().map(f -> f.method() + " " + f.path())
                .collect(Collectors.toSet()));
        screenshot("reference.png");

        // Authorize: the token goes in as a paste puts it, through the browser's input, not set on the DOM
        browser.evaluate(Page.run("document.querySelector('.auth-wrapper .authorize').click();"
                + " return waitFor(() => document.querySelector('.auth-container input')).then(i => i.focus());"));
        browser.send("Input.insertText", Map.of("text", token));
        browser.evaluate(Page.run("document.querySelector('.auth-btn-wrapper .authorize').click();"
                + " return waitFor(() => !document.querySelector('.auth-btn-wrapper .authorize'))"
                + ".then(() => document.querySelector('.auth-btn-wrapper .btn-done').click());"));

        // Try it out on "list participants": open it, enter the tenant, execute
        String operation = "const op = [...document.querySelectorAll('.opblock-get')].find(o => o.querySelector("
                + "'.opblock-summary-path').dataset.path === '" + LIST_PARTICIPANTS + "');";
        browser.evaluate(Page.run(operation + " op.querySelector('.opblock-summary-control').click();"
                + " return waitFor(() => op.querySelector('.try-out__btn')).then(b => b.click())"
                + ".then(() => waitFor(() => op.querySelector('tr[data-param-name=\"tenantId\"] input')))"
                + ".then(i => i.focus());"));
        browser.send("Input.insertText", Map.of("text", "acme"));
        // leaving the field hands its value to Swagger UI at once (its inputs are debounced), as a click does
        JsonNode status = browser.evaluate(Page.run(operation + " document.activeElement.blur();"
                + " op.querySelector('.execute').click();"
                + " return waitFor(() => op.querySelector('.live-responses-table tr.response .response-col_status'))"
                + ".then(s => { (op.querySelector('.curl-command') || s).scrollIntoView();"
                + " return s.textContent.trim(); });"));
        screenshot("try-it.png");

        assertThat(status.asText()).isEqualTo("200");
        JsonNode call = browser.events("Network.requestWillBeSent").stream()
                .map(e -> e.path("request"))
                .filter(r -> r.path("url").asText().equals(origin + "/v1/tenants/acme/participants"))
                .findFirst().orElseThrow(() -> new AssertionError("the page made no call to list participants"));
        assertThat(call.path("method").asText()).isEqualTo("GET");
        assertThat(call.path("headers").path("Authorization").asText()).isEqualTo("Bearer " + token);

        List<String> requested = browser.events("Network.requestWillBeSent").stream()
                .map(e -> e.path("request").path("url").asText()).toList();
        assertThat(requested).as("the page, its document and its assets came from local mode")
                .contains(origin + DocsPage.PATH, origin + DocsPage.DOCUMENT_PATH,
                        origin + DocsPage.ASSETS_PATH + "swagger-ui-bundle.js");
        // data: URLs are Swagger UI's inline icons, read from the page itself
        assertThat(requested).as("every request the page made")
                .allMatch(url -> url.startsWith(origin + "/") || url.startsWith("data:"));
        assertThat(browser.events("Network.loadingFailed")).as("no request of the page failed").isEmpty();
        assertThat(browser.events("Runtime.exceptionThrown")).as("no script of the page failed").isEmpty();
        assertThat(browser.events("Log.entryAdded")).as("nothing the Content-Security-Policy refused")
                .noneMatch(e -> e.path("entry").path("text").asText().contains("Content Security Policy"));
    }

    private static void screenshot(String name) throws IOException {
        JsonNode shot = browser.send("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Script the test runs in the page. */
    private static final class Page {

        /**
         * {@code waitFor(condition)}: a promise of the condition's first truthy value, checked at once and after every
         * change of the document, so the test waits for the page, never for a time.
         */
        private static final String WAIT_FOR = "const waitFor = condition => new Promise(resolve => {"
                + " const check = () => { const value = condition(); if (value) { observer.disconnect();"
                + " resolve(value); } };"
                + " const observer = new MutationObserver(check);"
                + " observer.observe(document, {subtree: true, childList: true, attributes: true}); check(); });";

        private Page() {
        }

        /** {@code body} as a function of its own (its constants stay its own), with {@code waitFor} at hand. */
        static String run(String body) {
            return "(() => { " + WAIT_FOR + " " + body + " })()";
        }
    }
}
