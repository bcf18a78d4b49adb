package io.participants.api.contract;

import io.micronaut.web.router.Router;
import io.participants.api.FunctionCatalog;
import io.participants.api.FunctionCatalog.Function;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.OpenApiContract;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The function catalog, the generated OpenAPI document and Micronaut's router name the same routes. */
class FunctionCatalogIntegrationTest {

    private static final Set<String> CATALOG = FunctionCatalog.FUNCTIONS.stream()
            .map(f -> f.method() + " " + f.path()).collect(Collectors.toSet());

    @Test
    void theDocumentHasOneOperationPerCatalogRoute() {
        Set<String> documented = OpenApiContract.routes().stream()
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());

        assertThat(documented).isEqualTo(CATALOG);
        assertThat(OpenApiContract.routes()).hasSameSizeAs(FunctionCatalog.FUNCTIONS);
    }

    @Test
    void theRouterServesExactlyTheCatalogRoutes() {
        try (ApiHarness api = ApiHarness.start()) {
            assertThat(routes(api)).isEqualTo(CATALOG);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachDeployableRoutesOnlyItsOwnRoutes() {
        return FunctionCatalog.deployables().stream().map(deployable -> DynamicTest.dynamicTest(deployable, () -> {
            List<Function> served = FunctionCatalog.servedBy(deployable);
            Function other = FunctionCatalog.FUNCTIONS.stream()
                    .filter(f -> served.stream().noneMatch(s -> s.path().equals(f.path()))).findFirst().orElseThrow();
            try (ApiHarness api = ApiHarness.start(Map.of(FunctionCatalog.FUNCTION_PROPERTY, deployable))) {
                assertThat(routes(api)).containsExactlyInAnyOrderElementsOf(
                        served.stream().map(f -> f.method() + " " + f.path()).toList());
                for (Function function : served) {
                    // Anonymous with an empty JSON body: only the route's own controller can answer 401 to it (the
                    // public callbacks answer 400: their state is missing; the inbound webhook 401: its key is unknown).
                    ApiResponse own = anonymous(api, function).send();
                    assertThat(own.status()).as(own.toString()).isEqualTo(function.authorized()
                            || function.name().equals(FunctionCatalog.RECEIVE_WEBHOOK) ? 401 : 400);
                }
                ApiResponse foreign = anonymous(api, other).send();
                assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
                assertThat(foreign.contentType()).isEqualTo("application/problem+json");
            }
        }));
    }

    @Test
    void functionsSharingADeployableShareOneGatewayRouteAndNoOtherDoes() {
        Map<String, Set<String>> deployablesByRoute = FunctionCatalog.FUNCTIONS.stream().collect(Collectors.groupingBy(
                Function::routeKey, Collectors.mapping(Function::deployable, Collectors.toSet())));

        assertThat(deployablesByRoute.values()).allSatisfy(deployables -> assertThat(deployables).hasSize(1));
        assertThat(FunctionCatalog.servedBy(FunctionCatalog.PARTICIPANT_STATE)).extracting(Function::routeKey)
                .containsOnly("POST /v1/tenants/{tenantId}/participants/{participantId}");
        assertThat(FunctionCatalog.FUNCTIONS).extracting(Function::gatewayPath)
                .allSatisfy(path -> assertThat(path).doesNotContainPattern("\\}[^/]|[^/]\\{"));
    }

    private static Set<String> routes(ApiHarness api) {
        // Micronaut adds a HEAD twin to every GET; API Gateway routes only the catalog's keys, so none reaches it.
        Set<String> routes = api.context().getBean(Router.class).uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(HashSet::new));
        Set<String> heads = routes.stream().filter(r -> r.startsWith("HEAD ")).collect(Collectors.toSet());
        assertThat(heads).allSatisfy(head -> assertThat(routes).contains("GET " + head.substring("HEAD ".length())));
        routes.removeAll(heads);
        return routes;
    }

    private static ApiRequest anonymous(ApiHarness api, Function function) {
        ApiRequest request = api.request(function.method(), concrete(function.path())).anonymous();
        return Set.of("POST", "PUT", "PATCH").contains(function.method()) ? request.body("{}") : request;
    }

    private static String concrete(String template) {
        return template.replace("{tenantId}", "acme")
                .replace("{participantId}", UUID.randomUUID().toString())
                .replace("{integrationConfigId}", UUID.randomUUID().toString())
                .replace("{agentId}", "agent-1")
                .replace("{workspaceId}", UUID.randomUUID().toString())
                .replace("{conversationId}", UUID.randomUUID().toString())
                .replace("{conversationParticipantId}", UUID.randomUUID().toString())
                .replace("{identifierKey}", "emailaddress").replace("{identifierValue}", "someone@example.com");
    }
}
