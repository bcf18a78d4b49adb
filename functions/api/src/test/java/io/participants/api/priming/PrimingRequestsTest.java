package io.participants.api.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.api.FunctionCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

class PrimingRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> eachRequestIsRoutedToItsOwnFunctionAsTheGatewayWouldRouteIt() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            APIGatewayV2HTTPEvent event = PrimingRequests.of(function, "tenant_id");

            assertThat(FunctionCatalog.route(function.method(), event.getRawPath())).contains(function);
            assertThat(event.getRouteKey()).isEqualTo(function.routeKey());
            assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo(function.method());
        }));
    }

    @TestFactory
    Stream<DynamicTest> authorizedRoutesCarryThePrimingTenantAndTheRouteScopeOnly() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            APIGatewayV2HTTPEvent event = PrimingRequests.of(function, "org_id");
            var authorizer = event.getRequestContext().getAuthorizer();

            if (function.authorized()) {
                assertThat(authorizer.getJwt().getClaims())
                        .containsEntry("org_id", PrimingRequests.TENANT)
                        .containsEntry("scope", function.scope())
                        .hasSize(2);
            } else {
                assertThat(authorizer).isNull();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteWithABodySendsOneItsValidationAccepts() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            String body = PrimingRequests.of(function, "tenant_id").getBody();

            if (function.method().equals("GET") || function.method().equals("DELETE")) {
                assertThat(body).isNull();
            } else {
                assertThat(body).isNotEqualTo(PrimingRequests.REFUSED_BODY);
            }
        }));
    }

    /**
     * Priming's request of a route is shaped as the gateway's events of it under {@code events/} are: every header all
     * of its success events carry (but the caller's token, which nothing of the service reads), their content type
     * where they agree on one, and their path parameters. A header, a media type or a field of the event that priming
     * lacks is a path (content negotiation, a body reader, the event's own reading) first taken on a user's request.
     */
    @TestFactory
    Stream<DynamicTest> eachRequestIsShapedAsTheGatewaysEventsOfItsRoute() throws IOException {
        Map<String, List<JsonNode>> successes = new HashMap<>();
        try (Stream<Path> files = Files.walk(eventsFolder())) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[a-z-]+\\.2\\d\\d(\\..+)?\\.json"))
                    .sorted().toList()) {
                String function = file.getFileName().toString().substring(0, file.getFileName().toString().indexOf('.'));
                successes.computeIfAbsent(function, f -> new ArrayList<>()).add(JSON.readTree(file.toFile()));
            }
        }
        return FunctionCatalog.FUNCTIONS.stream().filter(f -> successes.containsKey(f.name()))
                .map(function -> dynamicTest(function.name(), () -> {
                    List<JsonNode> events = successes.get(function.name());
                    APIGatewayV2HTTPEvent primed = PrimingRequests.of(function, "tenant_id");
                    Set<String> common = null;
                    Set<String> contentTypes = new HashSet<>();
                    for (JsonNode event : events) {
                        Set<String> names = new TreeSet<>();
                        event.get("headers").fieldNames().forEachRemaining(names::add);
                        common = common == null ? names : common;
                        common.retainAll(names);
                        contentTypes.add(event.path("headers").path("content-type").asText(null));
                    }
                    common.remove("authorization");

                    assertThat(primed.getHeaders().keySet()).containsAll(common);
                    if (contentTypes.size() == 1) {
                        assertThat(primed.getHeaders().get("content-type")).isEqualTo(contentTypes.iterator().next());
                    }
                    JsonNode parameters = events.get(0).path("pathParameters");
                    Set<String> names = new TreeSet<>();
                    parameters.fieldNames().forEachRemaining(names::add);
                    assertThat(primed.getPathParameters() == null ? Set.of() : primed.getPathParameters().keySet())
                            .containsExactlyInAnyOrderElementsOf(names);
                    names.forEach(name -> assertThat(primed.getRawPath()).contains(primed.getPathParameters().get(name)));
                }));
    }

    private static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }

    @Test
    void routesNameTheCannedItems() {
        FunctionCatalog.Function get = FunctionCatalog.named("get-participant").orElseThrow();
        FunctionCatalog.Function conversation = FunctionCatalog.named("get-conversation").orElseThrow();

        assertThat(PrimingRequests.of(get, "tenant_id").getRawPath())
                .isEqualTo("/v1/tenants/" + PrimingRequests.TENANT + "/participants/" + PrimingRequests.PARTICIPANT);
        assertThat(PrimingRequests.of(conversation, "tenant_id").getRawPath())
                .isEqualTo("/workspaces/" + PrimingRequests.TENANT + "/conversations/" + PrimingRequests.CONVERSATION);
    }

    @Test
    void connectNamesTheTelegramConfigAndTheCallbacksTheirProvidersConfigs() {
        var connect = PrimingRequests.of(FunctionCatalog.named("connect-integration-config").orElseThrow(), "tenant_id");
        var slack = PrimingRequests.of(FunctionCatalog.named("slack-oauth-callback").orElseThrow(), "tenant_id");
        var microsoft = PrimingRequests.of(FunctionCatalog.named("microsoft-oauth-callback").orElseThrow(), "tenant_id");

        assertThat(connect.getRawPath()).contains("/integrations/configs/" + PrimingRequests.TELEGRAM_CONFIG + ":connect");
        assertThat(connect.getBody()).contains("\"botToken\"");
        var states = new io.participants.domain.connection.SignedStates(
                () -> PrimingRequests.STATE_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(states.decode(slack.getQueryStringParameters().get("state")).orElseThrow().integrationConfigId())
                .hasToString(PrimingRequests.CONFIG);
        assertThat(states.decode(microsoft.getQueryStringParameters().get("state")).orElseThrow().integrationConfigId())
                .hasToString(PrimingRequests.MICROSOFT_CONFIG);
    }
}
